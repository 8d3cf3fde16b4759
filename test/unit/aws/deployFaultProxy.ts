import { createServer, request as httpRequest, type Server } from 'node:http';
import { listenLocally, writeAnswer, type Answer as TinyAnswer } from './connectionServers';

/**
 * An HTTP proxy in front of the fake API Gateway that makes chosen requests fail the ways real networks and services
 * do: an error answer instead of the call, or the call carried out and its answer lost (a 502 page, a 500, a dropped
 * connection), which is what makes a retried import create a second API.
 */
export type Answer = Exclude<TinyAnswer, 'hang'>;

export type Fault =
  /** Answered by the proxy; the fake never sees the request. */
  | { answer: Answer }
  /** Carried out by the fake, then its answer replaced (or the connection dropped). */
  | { afterForward: Answer | 'drop' };

export interface FaultRule {
  method: string;
  /** Matched against the path and query of the request. */
  path: RegExp;
  fault: Fault;
  /** How many matching requests fail; all of them when absent. */
  times?: number;
}

export interface SeenRequest {
  method: string;
  url: string;
  faulted: boolean;
}

export interface FaultProxy {
  url: string;
  rules: FaultRule[];
  seen: SeenRequest[];
  close(): Promise<void>;
}

export const answers = {
  badGatewayPage: { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' },
  internalFailure: { status: 500, headers: { 'x-amzn-errortype': 'InternalFailure', 'Content-Type': 'application/json' }, body: '{"message":"Internal server error"}' },
  throttled: { status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException', 'Content-Type': 'application/json' }, body: '{"message":"Too Many Requests"}' },
  denied: (action: string): Answer => ({
    status: 403,
    headers: { 'x-amzn-errortype': 'AccessDeniedException', 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ${action}` }),
  }),
};

function takeRule(rules: FaultRule[], method: string, url: string): FaultRule | undefined {
  const rule = rules.find((r) => (r.times ?? Infinity) > 0 && r.method === method && r.path.test(url));
  if (rule) rule.times = (rule.times ?? Infinity) - 1;
  return rule;
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const rules: FaultRule[] = [];
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const rule = takeRule(rules, method, url);
      seen.push({ method, url, faulted: Boolean(rule) });
      if (rule && 'answer' in rule.fault) return writeAnswer(res, rule.fault.answer);
      const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, method, path: url, headers: req.headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (chunk: Buffer) => body.push(chunk));
        up.on('end', () => {
          if (rule && 'afterForward' in rule.fault) {
            const after = rule.fault.afterForward;
            return after === 'drop' ? void req.socket.destroy() : writeAnswer(res, after);
          }
          // Node would add a `Date` of its own; the answer is passed on as the fake sent it, with or without one.
          res.sendDate = false;
          res.writeHead(up.statusCode ?? 500, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      // The fake stopped or refused the connection: the client sees a dropped connection rather than mocha a crash.
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  return { ...(await listenLocally(server)), rules, seen };
}
