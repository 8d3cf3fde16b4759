/** A Lambda function's ARN, where an integration takes the URI that invokes it. */
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:pets';

/** Where that URI stands in `LAMBDA_ARN_DEFINITION`, as a JSON Pointer. */
export const URI_POINTER = '/paths/~1pets/get/x-amazon-apigateway-integration/uri';

/**
 * A JSON definition whose one operation has the Lambda function's ARN where the invocation URI belongs (line 18): one
 * `invalid-integration-uri` finding, in a file that cannot hold a comment to silence it.
 */
export function lambdaArnDefinition(title = 't'): string {
  return JSON.stringify(
    {
      openapi: '3.0.1',
      info: { title, version: '1' },
      paths: {
        '/pets': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: FUNCTION_ARN },
          },
        },
      },
    },
    null,
    2,
  );
}
