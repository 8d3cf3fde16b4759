import { getProperty, keyName } from '../../model/navigate';
import type { PropertyNode } from '../../model/nodes';
import { requestValidators } from '../../model/openapiWalk';
import { getExtension } from '../../facts/extensions';
import type { Rule, ValidationContext } from '../validationTypes';
import { nearMiss } from './nearMiss';
import { checkableString, listOperations } from './integrations';

const KEY = 'x-amazon-apigateway-request-validator';

/**
 * A validator selected at the root or on an operation must be one declared in `x-amazon-apigateway-request-validators`.
 * Where the dialect ignores the selection (HTTP APIs), its own finding says so, and no name is looked up.
 */
export const requestValidatorsRule: Rule = (context) => {
  if (!getExtension(KEY)!.dialects.includes(context.dialect)) return;
  const declared = requestValidators(context.document);
  const names = declared ? declared.properties.map(keyName) : [];
  check(context, getProperty(context.document.root, KEY), names);
  for (const op of listOperations(context.document)) check(context, op.requestValidatorProperty, names);
};

function check(context: ValidationContext, property: PropertyNode | undefined, names: string[]): void {
  const name = checkableString(property?.value);
  if (name === undefined || names.includes(name)) return;
  const suggestion = nearMiss(name, names);
  const known = names.length ? `declared validators: ${names.map((n) => `"${n}"`).join(', ')}` : 'no validators are declared in `x-amazon-apigateway-request-validators`';
  context.report(property!.value!, 'unknown-request-validator', `Request validator "${name}" is not declared (${known}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
    data: suggestion ? { name, expected: suggestion } : { name },
  });
}
