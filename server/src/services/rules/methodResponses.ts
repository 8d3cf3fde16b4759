import { getValue, keyName } from '../../model/navigate';
import type { PropertyNode, ValueNode } from '../../model/nodes';
import { refOf } from '../../model/openapiWalk';
import { keyOf } from '../../model/property';
import { isOpenApiStatusKey } from '../../facts/openapiResponseKeys';
import { STATUS_CODE } from '../../facts/statusCodes';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, derefOnce, listOperations, targetOnce, type OperationSite } from './integrations';
import { withArticle } from './messageText';
import { versionOf } from './openapiSchemas';

/**
 * What REST API imports make of an operation's `responses`, its method responses: their status codes, references to
 * root-level responses (2.0 `#/responses/...`) and response schemas that are primitives.
 */
export const methodResponsesRule: Rule = (context) => {
  if (context.dialect !== 'rest') return;
  const { document } = context;
  const swagger = document.kind === 'swagger';
  const version = versionOf(document.kind, document.specVersion);
  const ops = listOperations(document);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const responses = op.responsesProperty?.value;
    if (responses?.type !== 'object') continue;
    const props = responses.properties;
    for (let j = 0; j < props.length; j++) {
      const response = props[j];
      checkStatusKey(context, response, version);
      const ref = refOf(response.value);
      if (swagger && ref?.startsWith('#/responses/')) {
        context.report(response.value!, 'root-response-ref', `API Gateway does not import references to root-level responses ("${ref}"); define the response in the operation.`);
        continue;
      }
      checkSchemas(context, op, response, ref, swagger);
    }
  }
};

/**
 * A method response needs a three-digit status code (PutMethodResponse), so a range such as `2XX`, which OpenAPI 3
 * allows, makes no method response, and integration responses cannot answer with it. `default` is left alone:
 * definitions imported into API Gateway use it widely, and what the import makes of it is not documented. Keys the
 * OpenAPI schema itself refuses are left to the structure check, which reports them already.
 */
function checkStatusKey(context: ValidationContext, response: PropertyNode, version: ReturnType<typeof versionOf>): void {
  const key = keyName(response);
  if (key === 'default' || key.startsWith('x-') || STATUS_CODE.test(key)) return;
  if (version && !isOpenApiStatusKey(version, key)) return;
  const range = /^[1-5]XX$/i.test(key);
  const instead = range ? ` Declare each status code the integration responses answer with, such as "${key[0]}00", instead of the range.` : '';
  context.report(keyOf(response), 'invalid-method-response-status', `API Gateway creates method responses only for three-digit status codes from 100 to 599, so the "${key}" response will not be created as written.${instead}`);
}

/** The response's schemas: its `schema` (2.0), or that of each of its media types (3.x). */
function checkSchemas(context: ValidationContext, op: OperationSite, response: PropertyNode, ref: string | undefined, swagger: boolean): void {
  const resolved = ref === undefined ? response.value : targetOnce(context.document, ref);
  if (swagger) {
    checkSchema(context, op, response, getValue(resolved, 'schema'));
    return;
  }
  const content = getValue(resolved, 'content');
  if (content?.type !== 'object') return;
  const media = content.properties;
  for (let i = 0; i < media.length; i++) checkSchema(context, op, response, getValue(media[i].value, 'schema'));
}

function checkSchema(context: ValidationContext, op: OperationSite, response: PropertyNode, schema: ValueNode | undefined): void {
  if (!schema) return;
  const target = derefOnce(context.document, schema);
  const type = checkableString(getValue(target, 'type'));
  if (type && type !== 'object' && type !== 'array') {
    context.report(schema, 'non-object-response-schema', `The "${keyName(response)}" response of ${op.method} ${op.path} has ${withArticle(type)} schema; API Gateway models of method responses must be objects (or arrays).`);
  }
}
