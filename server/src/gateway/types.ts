/** What a caller hands the local gateway: one HTTP request as a client would send it. */
export interface GatewayRequest {
  method: string;
  /**
   * The request path, optionally with the base path or the stage in front. A query string here is the raw query
   * string the events show (`rawQueryString`); its values are read from it unless `query` is given.
   */
  path: string;
  query?: Record<string, string[]>;
  /** One value per header name. */
  headers?: Record<string, string>;
  /**
   * Every value of each header, in the order sent, e.g. a header the client repeated. A name listed here (in any
   * case) replaces the same name in `headers`.
   */
  multiValueHeaders?: Record<string, string[]>;
  body?: string | Buffer;
  /**
   * The size of a body the caller did not read because it is over API Gateway's payload limit: the request is
   * answered as API Gateway answers it, without a body.
   */
  bodyLength?: number;
  stage?: string;
  sourceIp?: string;
  /**
   * How the client reached the gateway, for the `X-Forwarded-Proto` and `X-Forwarded-Port` headers of Lambda events.
   * Default: HTTPS on port 443, as every execute-api URL.
   */
  forwarded?: { proto: string; port: number };
  /**
   * false: skip the execution log lines (the response's `log` is empty), for callers that never show them, such as
   * the HTTP server. Step timings and latency are still measured. Default true.
   */
  executionLog?: boolean;
  /**
   * true: the response carries what the request's Lambda functions printed (`functionOutput`), even when the log is
   * off, for a caller that shows it apart from the log, as the HTTP server does. Default false.
   */
  functionOutput?: boolean;
  /**
   * For a caller that sends the response on as it comes (the HTTP server): a streamed response (a REST integration
   * with `responseTransferMode: STREAM`) goes to the writer this returns, its status and headers as soon as they are
   * known and its payload chunk by chunk; the response then resolves without the body. Without it, the body is
   * collected, as API Gateway's test invoke buffers a streamed response.
   */
  streamResponse?: (head: ResponseHead) => BodyWriter;
}

/** The status and headers of a response, sent before its body. */
export interface ResponseHead {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
}

export interface BodyWriter {
  write(chunk: Buffer): void;
  /** The body is complete, or, with a reason, was cut short: the client must see it end early, not complete. */
  end(interruption?: string): void;
}

/** One line of the execution log, as API Gateway's test-invoke prints it. */
export interface ExecutionLogEntry {
  /** Epoch milliseconds. */
  time: number;
  message: string;
}

export interface StepTiming {
  name: string;
  ms: number;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  /** Text, or base64 when `isBase64Encoded`. */
  body: string;
  /**
   * The body is binary, carried base64-encoded so that the answer stays JSON (the invoke panel receives it over
   * LSP); the HTTP server sends the decoded bytes.
   */
  isBase64Encoded?: boolean;
  log: ExecutionLogEntry[];
  latencyMs: number;
  steps: StepTiming[];
  /**
   * What the Lambda functions of the request printed, and why those that failed failed, when the request asked for it
   * (`GatewayRequest.functionOutput`); absent when none ran.
   */
  functionOutput?: FunctionOutput[];
  /**
   * Why the gateway refused the request for one of API Gateway's quotas (the request line and headers, or the body,
   * too large), given whether or not the execution log is kept.
   */
  refusal?: string;
  /** The body went to the request's `streamResponse` writer as it arrived; `body` is empty. */
  streamed?: boolean;
  /**
   * Why a streamed body stopped early (the function failed, or the integration timed out, after the status and
   * headers had gone out): the client got them and the body up to there.
   */
  interruption?: string;
}

/** One Lambda invocation's output, as CloudWatch Logs would hold it. */
export interface FunctionOutput {
  functionName: string;
  /** What the function wrote to stdout and stderr, line by line. */
  lines: string[];
  /**
   * A failed invocation's error: the thrown error's type, message and stack (`trace`), or the timeout. A process
   * that exited has its reason in `lines` already, as Lambda writes it to the log.
   */
  error?: { errorType?: string; errorMessage: string; trace?: string[] };
}

/** An HTTP header map with lower-case keys for lookups, keeping the caller's spelling for the event shapes. */
export interface RequestHeaders {
  /** Header names as the client wrote them, with their values. */
  original: Record<string, string>;
  /** The same values under lower-case names. */
  lower: Record<string, string>;
}
