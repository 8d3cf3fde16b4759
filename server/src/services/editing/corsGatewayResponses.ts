import type { TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { getValue, keyName } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import { GATEWAY_RESPONSES_EXTENSION } from '../../facts/extensions/gatewayResponses';
import { insertEntriesAtPath } from './edits';

/**
 * The gateway responses that cover the errors API Gateway answers itself (a missing API key or token, an authorizer's
 * denial, throttling, a failed integration). Without `Access-Control-Allow-Origin` on them a browser hides each such
 * error behind a CORS failure, which is why the console's "Enable CORS" offers to set it on these two.
 */
const DEFAULT_TYPES = ['DEFAULT_4XX', 'DEFAULT_5XX'];

const ALLOW_ORIGIN_KEY = 'gatewayresponse.header.Access-Control-Allow-Origin';

/**
 * Edits that make the default 4XX and 5XX gateway responses send `Access-Control-Allow-Origin: *`, and the types they
 * change; a type that already sends the header, in any letter case and with any value, is left as it is. An edit
 * inside a response comes before the one that adds responses, since both may fall at the end of the extension.
 */
export function gatewayResponseCorsEdits(document: ApiDocument): { edits: TextEdit[]; types: string[] } {
  const extension = GATEWAY_RESPONSES_EXTENSION.name;
  const responses = getValue(document.root, extension);
  if (responses !== undefined && responses.type !== 'object' && responses.type !== 'null') return { edits: [], types: [] };
  const edits: TextEdit[] = [];
  const types: string[] = [];
  const missing: Record<string, unknown> = {};
  for (const type of DEFAULT_TYPES) {
    const response = getValue(responses, type);
    if (response === undefined || response.type === 'null') {
      missing[type] = { responseParameters: { [ALLOW_ORIGIN_KEY]: "'*'" } };
      types.push(type);
      continue;
    }
    if (response.type !== 'object' || sendsAllowOrigin(getValue(response, 'responseParameters'))) continue;
    const edit = insertEntriesAtPath(document, [extension, type, 'responseParameters'], { [ALLOW_ORIGIN_KEY]: "'*'" });
    if (!edit) continue;
    edits.push(edit);
    types.push(type);
  }
  if (Object.keys(missing).length) {
    const edit = insertEntriesAtPath(document, [extension], missing);
    if (edit) edits.push(edit);
    else for (const type of Object.keys(missing)) types.splice(types.indexOf(type), 1);
  }
  return { edits, types };
}

function sendsAllowOrigin(parameters: ValueNode | undefined): boolean {
  if (parameters?.type !== 'object') return false;
  const key = ALLOW_ORIGIN_KEY.toLowerCase();
  return parameters.properties.some((p) => keyName(p).toLowerCase() === key);
}
