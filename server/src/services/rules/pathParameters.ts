import { getValue, keyName } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { isMethodKey, methodLabel, pathTemplateParameters, refOf } from '../../model/openapiWalk';
import { keyOf } from '../../model/property';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, derefOnce } from './integrations';
import { nearMiss } from './nearMiss';
import { isUnprocessed } from './unprocessedValues';

interface PathParameter {
  /** As written; a greedy `proxy+` is compared without its `+`, as the template's `{proxy+}` is. */
  name: string;
  anchor: ValueNode | ScalarNode;
}

interface PathParameterList {
  parameters: PathParameter[];
  /** A parameter behind a reference that cannot be followed here may declare any name. */
  unknown: boolean;
}

/**
 * Path parameters against their path template, as OpenAPI's path templating requires in 2.0 and 3.x alike: each
 * `in: path` parameter names a `{…}` of its path, and each `{…}` is declared at the path item or on the operation.
 * AWS matches names exactly, so a parameter in another letter case than its template reads nothing; an undeclared
 * template expression AWS imports as a path parameter all the same (its own examples leave them out), so that is only
 * noted. Mappings of template names are the integration mapping check's, which counts the template as declared.
 */
export const pathParametersRule: Rule = (context) => {
  const paths = getValue(context.document.root, 'paths');
  if (paths?.type !== 'object') return;
  const pathProperties = paths.properties;
  for (let i = 0; i < pathProperties.length; i++) {
    const pathProperty = pathProperties[i];
    const path = keyName(pathProperty);
    const pathItem = pathProperty.value;
    if (!path.startsWith('/') || pathItem?.type !== 'object' || isUnprocessed(pathItem)) continue;
    checkPathItem(context, path, pathProperty, pathItem);
  }
};

function checkPathItem(context: ValidationContext, path: string, pathProperty: PropertyNode, pathItem: ObjectNode): void {
  const template = pathTemplateParameters(path);
  // Template names a misnamed parameter stands for: the warning on the parameter says it, once. Made when one is met.
  let misnamed: Set<string> | undefined;
  const shared = pathParametersOf(context, getValue(pathItem, 'parameters'));
  misnamed = checkNames(context, path, template, shared.parameters, misnamed);
  const operations: PropertyNode[] = [];
  const props = pathItem.properties;
  for (let i = 0; i < props.length; i++) if (props[i].value?.type === 'object' && isMethodKey(keyName(props[i]))) operations.push(props[i]);
  let undeclared: Map<string, PropertyNode[]> | undefined;
  for (let i = 0; i < operations.length; i++) {
    const operation = operations[i];
    const own = pathParametersOf(context, getValue(operation.value, 'parameters'));
    misnamed = checkNames(context, path, template, own.parameters, misnamed);
    if (shared.unknown || own.unknown) continue;
    for (let j = 0; j < template.length; j++) {
      const name = template[j];
      if (declares(shared.parameters, name) || declares(own.parameters, name)) continue;
      undeclared ??= new Map();
      const list = undeclared.get(name);
      if (list) list.push(operation);
      else undeclared.set(name, [operation]);
    }
  }
  if (!undeclared) return;
  for (const [name, missing] of undeclared) {
    if (misnamed?.has(name)) continue;
    // A route's path variables are an HTTP API's request parameters: nothing else declares them there.
    const consequence =
      context.dialect === 'http'
        ? `API Gateway imports it without one: HTTP APIs take path parameters from the route (\`$request.path.${name}\`)`
        : `API Gateway imports it without one, but no \`requestParameters\` mapping can read it (\`method.request.path.${name}\`) until it is declared`;
    const rule = `OpenAPI requires a path parameter (\`name: ${name}, in: path, required: true\`) for each template expression; ${consequence}.`;
    // As written in the path: a greedy `{proxy+}` is declared by the name without its `+`.
    const expression = path.includes(`{${name}+}`) ? `{${name}+}` : `{${name}}`;
    if (missing.length === operations.length) {
      context.report(keyOf(pathProperty), 'undeclared-path-template-parameter', `"${expression}" in "${path}" is not declared as a path parameter. ${rule}`, { data: { name } });
      continue;
    }
    for (const operation of missing) {
      const method = methodLabel(keyName(operation));
      context.report(keyOf(operation), 'undeclared-path-template-parameter', `${method} ${path} does not declare "${expression}" as a path parameter. ${rule}`, { data: { name } });
    }
  }
}

/** Whether a list declares a template name, a greedy `proxy+` standing for `proxy`. */
function declares(parameters: PathParameter[], name: string): boolean {
  for (let i = 0; i < parameters.length; i++) if (withoutPlus(parameters[i].name) === name) return true;
  return false;
}

/** Reports parameters that name no template expression; returns the names they were meant for, made when first needed. */
function checkNames(context: ValidationContext, path: string, template: string[], parameters: PathParameter[], misnamed: Set<string> | undefined): Set<string> | undefined {
  for (let i = 0; i < parameters.length; i++) {
    const parameter = parameters[i];
    if (template.includes(withoutPlus(parameter.name))) continue;
    const meant = nearMiss(withoutPlus(parameter.name), template);
    if (meant) (misnamed ??= new Set()).add(meant);
    const where = template.length ? `no template expression of "${path}"` : `nothing: "${path}" has no template expressions`;
    const hint = meant ? ` Did you mean "${meant}"?` : '';
    context.report(parameter.anchor, 'path-parameter-not-in-path', `Path parameter "${parameter.name}" matches ${where}, so it never receives a value (names are case-sensitive).${hint}`);
  }
  return misnamed;
}

function withoutPlus(name: string): string {
  return name.endsWith('+') ? name.slice(0, -1) : name;
}

/** The `in: path` parameters of a `parameters` list, each with where to report it: its name, or the reference to it. */
function pathParametersOf(context: ValidationContext, list: ValueNode | undefined): PathParameterList {
  if (list?.type !== 'array') return NO_PARAMETERS;
  let parameters: PathParameter[] | undefined;
  let unknown = false;
  const items = list.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isUnprocessed(item)) {
      unknown = true;
      continue;
    }
    const parameter = derefOnce(context.document, item);
    if (parameter?.type !== 'object') {
      if (refOf(item) !== undefined) unknown = true;
      continue;
    }
    if (checkableString(getValue(parameter, 'in')) !== 'path') continue;
    const nameNode = getValue(parameter, 'name');
    const name = checkableString(nameNode);
    if (name === undefined) {
      unknown = true;
      continue;
    }
    (parameters ??= []).push({ name, anchor: parameter === item ? nameNode! : (getValue(item, '$ref') ?? item) });
  }
  return parameters === undefined && !unknown ? NO_PARAMETERS : { parameters: parameters ?? [], unknown };
}

/** The list of a `parameters` that declares no path parameter: shared, and never changed. */
const NO_PARAMETERS: PathParameterList = { parameters: [], unknown: false };
