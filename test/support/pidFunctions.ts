import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** An `aws_proxy` operation at `route` calling the local function `name`. */
export function lambdaOperation(route: string, name: string): string {
  return `  ${route}:\n    get:\n      responses: { "200": { description: OK } }\n      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations" }\n`;
}

/**
 * Two local functions in `folder` whose handlers write their process's id to `quick.pid` and `stuck.pid` there, where
 * a test finds them: `Quick` then answers, `Stuck` never returns, as an endless loop in user code would. Its timeout is
 * long enough that it cannot be what ends the process during a test.
 */
export function writePidFunctions(folder: string): void {
  const handler = (then: string) => `exports.handler = async () => { require('node:fs').writeFileSync(process.env.PID_FILE, String(process.pid)); ${then} };\n`;
  writeFileSync(path.join(folder, 'quick.js'), handler("return { statusCode: 200, body: 'ok' };"));
  writeFileSync(path.join(folder, 'stuck.js'), handler('for (;;);'));
  const functions = {
    Quick: { handler: 'quick.js', environment: { PID_FILE: path.join(folder, 'quick.pid') } },
    Stuck: { handler: 'stuck.js', timeoutSeconds: 900, environment: { PID_FILE: path.join(folder, 'stuck.pid') } },
  };
  mkdirSync(path.join(folder, '.apigateway'), { recursive: true });
  writeFileSync(path.join(folder, '.apigateway', 'local.json'), JSON.stringify({ functions }));
}
