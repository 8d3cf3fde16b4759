/**
 * An error the fake returns the way API Gateway does: an HTTP status, the `x-amzn-errortype` header naming the
 * exception (the SDK's REST-JSON protocol maps it to a typed exception class) and a JSON body with `message`.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new GatewayError(404, 'NotFoundException', message);
export const badRequest = (message: string) => new GatewayError(400, 'BadRequestException', message);
export const conflict = (message: string) => new GatewayError(409, 'ConflictException', message);

/**
 * LocalStack's answer to any call of a service its edition does not include, as its community edition answers
 * API Gateway v2: HTTP 501, error type InternalFailure, and this message (localstack/aws/skeleton.py
 * `on_not_implemented_error`, localstack/utils/coverage_docs.py `get_coverage_link_for_service`).
 */
export const notInEdition = (service: string) => new GatewayError(
  501,
  'InternalFailure',
  `API for service '${service}' not yet implemented or pro feature - please check https://docs.localstack.cloud/references/coverage/ for further information`,
);
