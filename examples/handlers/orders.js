// Local stand-ins for the orders HTTP API's Lambda functions (payload format 2.0).
exports.orders = async (event) => ({
  statusCode: event.requestContext.http.method === 'POST' ? 201 : 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(event.requestContext.http.method === 'POST' ? { id: 'o-1001', ...JSON.parse(event.body || '{}') } : [{ id: 'o-1000', items: ['book'] }]),
});

exports.getOrder = async (event) => ({ id: event.pathParameters.orderId, items: ['book'], status: 'shipped' });
