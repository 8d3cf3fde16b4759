import { keyName } from '../../model/navigate';
import type { ObjectNode, ValueNode } from '../../model/nodes';
import { modelDefinitions } from '../../model/openapiWalk';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import { checkableString } from './integrations';
import { pause } from './eventLoop';
import { keyOf } from '../../model/property';

/**
 * Schema keywords REST API models (JSON Schema draft 4) do not support (api-gateway-known-issues). Keywords that only
 * document are dropped harmlessly and shown faded; the others change what a request is validated against.
 */
const DOCUMENTATION_ONLY = new Set(['example', 'deprecated', 'readOnly']);
const UNSUPPORTED = new Set(['discriminator', 'exclusiveMinimum', ...DOCUMENTATION_ONLY]);
const NESTED_SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const NESTED_SCHEMAS = ['items', 'additionalProperties', 'not'];
const NESTED_SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

export const modelSchemasRule: Rule = async (context) => {
  if (context.dialect !== 'rest') return;
  const models = modelDefinitions(context.document);
  if (!models) return;
  const swagger = context.document.kind === 'swagger';
  const properties = models.properties;
  for (let i = 0; i < properties.length; i++) {
    if ((i & 63) === 63 && (await pause(context))) return;
    walk(context, properties[i].value, keyName(properties[i]), swagger, 0);
  }
};

function walk(context: ValidationContext, node: ValueNode | undefined, model: string, swagger: boolean, depth: number): void {
  if (node?.type !== 'object' || depth > 64) return;
  checkKeywords(context, node, model, swagger);
  for (const p of node.properties) {
    const key = keyName(p);
    if (NESTED_SCHEMA_MAPS.includes(key) && p.value?.type === 'object') {
      for (const child of p.value.properties) walk(context, child.value, model, swagger, depth + 1);
    } else if (NESTED_SCHEMAS.includes(key)) {
      walk(context, p.value, model, swagger, depth + 1);
    } else if (NESTED_SCHEMA_LISTS.includes(key) && p.value?.type === 'array') {
      for (const item of p.value.items) walk(context, item, model, swagger, depth + 1);
    }
  }
}

function checkKeywords(context: ValidationContext, schema: ObjectNode, model: string, swagger: boolean): void {
  let type: string | undefined;
  for (const p of schema.properties) if (p.keyValue === 'type') type = checkableString(p.value);
  for (const p of schema.properties) {
    const key = keyName(p);
    if (UNSUPPORTED.has(key) || (swagger && key === 'oneOf')) {
      const extra: Partial<Problem> = DOCUMENTATION_ONLY.has(key) ? { severity: 'hint', unnecessary: true } : {};
      context.report(keyOf(p), 'unsupported-schema-keyword', `API Gateway models do not support \`${key}\` (in model "${model}"); it is ${DOCUMENTATION_ONLY.has(key) ? 'dropped' : 'not enforced'} on import.`, extra);
    } else if (key === 'format') {
      const format = checkableString(p.value);
      if (format === 'decimal' || (type === 'number' && (format === 'int32' || format === 'int64'))) {
        context.report(p.value!, 'unsupported-schema-keyword', `API Gateway models do not support \`format: ${format}\`${type === 'number' && format !== 'decimal' ? ' on `type: number`' : ''} (in model "${model}").`);
      }
    }
  }
}
