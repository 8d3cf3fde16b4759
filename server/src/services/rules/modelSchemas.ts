import { keyName } from '../../model/navigate';
import type { ObjectNode, ValueNode } from '../../model/nodes';
import { modelDefinitions } from '../../model/openapiWalk';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import { checkableString } from './integrations';
import { pause } from './eventLoop';
import { keyOf } from '../../model/property';
import { DOCUMENTATION_ONLY_KEYWORDS, isUnsupportedModelKeyword, NESTED_SCHEMA_LISTS, NESTED_SCHEMA_MAPS, NESTED_SCHEMAS } from '../../facts/modelSchemaKeywords';

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
    if (isUnsupportedModelKeyword(key, swagger)) {
      // A keyword that only documents is dropped harmlessly, and shown faded.
      const documentation = DOCUMENTATION_ONLY_KEYWORDS.has(key);
      const extra: Partial<Problem> = documentation ? { severity: 'hint', unnecessary: true } : {};
      context.report(keyOf(p), 'unsupported-schema-keyword', `API Gateway models do not support \`${key}\` (in model "${model}"); it is ${documentation ? 'dropped' : 'not enforced'} on import.`, extra);
    } else if (key === 'format') {
      const format = checkableString(p.value);
      if (format === 'decimal' || (type === 'number' && (format === 'int32' || format === 'int64'))) {
        context.report(p.value!, 'unsupported-schema-keyword', `API Gateway models do not support \`format: ${format}\`${type === 'number' && format !== 'decimal' ? ' on `type: number`' : ''} (in model "${model}").`);
      }
    }
  }
}
