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
