import { headerValue, isJsonMediaType, jsonParseError } from './formFields';
import type { InvokeOutcome } from './invokeMessages';

/** The local gateway's answer, as `apigateway/invokeLocal` returns it. */
export interface LocalGatewayAnswer {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded?: boolean;
  log: { time: number; message: string }[];
  latencyMs: number;
  steps: { name: string; ms: number }[];
}

export type LocalInvokeResult = { response: LocalGatewayAnswer; stage: string } | { error: string };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Timestamps as API Gateway's test invoke prints them, so local and AWS logs read alike. */
export function logTimestamp(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export function outcomeFromLocal(answer: LocalGatewayAnswer, stage: string): InvokeOutcome {
  const outcome: InvokeOutcome = {
    target: 'local',
    status: answer.status,
    headers: answer.headers,
    body: answer.isBase64Encoded ? `(base64) ${answer.body}` : answer.body,
    latencyMs: answer.latencyMs,
    log: answer.log.map((e) => `${logTimestamp(e.time)} : ${e.message}`),
    steps: answer.steps,
    calledAs: `local gateway, stage '${stage}'`,
    at: new Date().toISOString(),
  };
  if (answer.multiValueHeaders && Object.keys(answer.multiValueHeaders).length) outcome.multiValueHeaders = answer.multiValueHeaders;
  return outcome;
}

/**
 * The log line that says why a request failed, as API Gateway words it ("Execution failed due to …", "Lambda
 * execution failed …"), without its timestamp: shown above the response so a 5xx is explained without reading the log.
 */
export function failureCause(outcome: Pick<InvokeOutcome, 'status' | 'log'>): string | undefined {
  if (outcome.status < 500) return undefined;
  const line = outcome.log.find((l) => /[Ee]xecution failed/.test(l));
  return line?.replace(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} [\d:]{8} UTC \d{4} : /, '');
}

/**
 * Why a response that says it is JSON does not parse, or undefined: the Pretty view falls back to the raw text, and
 * without a word about it an invalid body (an unescaped value in a template, say) looks deliberate.
 */
export function invalidJsonBody(outcome: Pick<InvokeOutcome, 'headers' | 'body'>): string | undefined {
  if (!isJsonMediaType(headerValue(outcome.headers, 'content-type'), 'type') || outcome.body.trim() === '') return undefined;
  return jsonParseError(outcome.body);
}
