/**
 * A stand-in for the language server, as a process of its own that a test can kill outright: it calls a handler
 * (`<folder> <file>`) through the local Lambda host, whose runner is its child, and waits for the answer.
 */
import { LambdaHost } from '../../server/src/gateway/lambda/lambdaHost';

const [folder, handler] = process.argv.slice(2);
void new LambdaHost(folder).invoke(
  { handler, timeoutSeconds: 900 },
  { functionName: 'F', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:F', requestId: 'r1', event: {}, region: 'us-east-1' },
);
