import type { Dialect } from '../../model/dialect';
import { asString, getValue } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import type { FieldSpec, ValueSpec, ValueType } from '../../facts/extensionTypes';
import { fieldAppliesTo, fieldOf, fieldReadByType, isFieldRequired, typesOf } from '../../facts/extensions';
import type { ValidationContext } from '../validationTypes';
import { closestName, nearMiss } from './nearMiss';
import { javaPatternError } from './javaRegex';
import { referenceLeadsNowhere } from './references';
import { isUnprocessed } from './unprocessedValues';
import { keyOf } from '../../model/property';
import { quoted, withArticle } from './messageText';
import { fullyProcessed } from './documentIndex';
import { dialectReason } from './dialectReason';
import { LAMBDA_INVOCATION_URI } from '../../facts/extensions/arnPatterns';
import { lambdaInvocationUri } from '../../model/integrationUris';

const DIALECT_NAMES: Record<Dialect, string> = { rest: 'REST APIs', http: 'HTTP APIs' };
export const dialectName = (dialect: Dialect): string => DIALECT_NAMES[dialect];

const patternCache = new Map<string, RegExp>();
export function cachedRegExp(source: string): RegExp {
  let re = patternCache.get(source);
  if (!re) {
    re = new RegExp(source);
    patternCache.set(source, re);
  }
  return re;
}

function matchesType(node: ValueNode, type: ValueType): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'map':
    case 'object':
      return node.type === 'object';
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    default:
      return node.type === type;
  }
}

function describeNode(context: ValidationContext, node: ValueNode): string {
  if (node.type === 'object') return 'an object';
  if (node.type === 'array') return 'an array';
  if (node.type === 'null') return 'null';
  if (node.type === 'string') return `the string "${node.value}"`;
  // As written: `1.0` is the number 1 to YAML, and "the number 1" would not show the user their own text.
  return `the ${node.type} ${scalarText(context, node)}`;
}

function describeTypes(types: ValueType[]): string {
  return types.map((t) => withArticle(t === 'map' ? 'object' : t)).join(' or ');
}

/** The source text of a scalar, so that `1.0` is compared as written and not as the number 1. */
export function scalarText(context: ValidationContext, node: ScalarNode): string {
  if (node.type === 'string') return node.value as string;
  return node.style === 'plain' ? context.document.text.slice(node.offset, node.end) : String(node.value);
}

/** Where a nested object's problems are shown: on the key that holds it, else on the object itself. */
export function anchorOf(node: ValueNode): ScalarNode | ValueNode {
  return node.parent?.type === 'property' ? keyOf(node.parent) : node;
}

/**
 * A value's label is `base` with its step below it (`.key`, `[index]`), or `base` itself: spelt out only when a
 * finding or a nested value needs it, as most values checked have neither.
 */
type Step = string | number | undefined;

function labelOf(base: string, step: Step): string {
  return step === undefined ? base : typeof step === 'number' ? `${base}[${step}]` : `${base}.${step}`;
}

export function checkEnum(context: ValidationContext, spec: ValueSpec, node: ScalarNode, label: string): void {
  checkEnumAt(context, spec, node, label, undefined);
}

function checkEnumAt(context: ValidationContext, spec: ValueSpec, node: ScalarNode, base: string, step: Step): void {
  const values = spec.enum!;
  const text = scalarText(context, node);
  const caseInsensitive = spec.caseInsensitive === true;
  let matched: string | undefined;
  const lowered = caseInsensitive ? lowerCased(values) : undefined;
  let lower: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === text || (lowered !== undefined && lowered[i] === (lower ??= text.toLowerCase()))) {
      matched = v;
      break;
    }
  }
  if (matched === undefined) {
    reportNotAmong(context, node, 'invalid-enum-value', `\`${labelOf(base, step)}\` is "${text}"`, text, values, caseInsensitive);
    return;
  }
  const onlyIn = spec.enumDialects?.[matched];
  if (onlyIn && !onlyIn.includes(context.dialect)) {
    context.report(
      node,
      'dialect-mismatch',
      spec.enumDialectAdvice?.[matched] ?? `\`${labelOf(base, step)}\` "${text}" is not supported by ${dialectName(context.dialect)}; only ${onlyIn.map(dialectName).join(' and ')} accept it.`,
    );
  }
}

/** An enum's values in lower case, made once per catalog list rather than once per value compared. */
function lowerCased(values: string[]): string[] {
  let lower = lowerCaseEnums.get(values);
  if (!lower) lowerCaseEnums.set(values, (lower = values.map((v) => v.toLowerCase())));
  return lower;
}

const lowerCaseEnums = new WeakMap<string[], string[]>();

/**
 * A value, or a map key, that is none of the values it may be: the values listed, and the one it most likely meant
 * offered as the correction.
 */
function reportNotAmong(context: ValidationContext, node: ScalarNode, code: string, subject: string, text: string, values: string[], caseInsensitive: boolean): void {
  const expected = closestName(text, values);
  const list = values.map((v) => `\`${v}\``).join(', ');
  const suggestion = expected ? ` Did you mean \`${expected}\`?` : '';
  context.report(node, code, `${subject}; expected one of ${list}${caseInsensitive ? ' (any letter case)' : ''}.${suggestion}`, expected ? { data: { expected } } : undefined);
}

/**
 * Checks a value against its catalog spec: type, enum, range, pattern, and for objects and maps their fields and
 * values, recursively. Values that are CloudFormation intrinsics or hold placeholders are skipped.
 */
export function checkValue(context: ValidationContext, spec: ValueSpec, node: ValueNode | undefined, label: string, fieldName?: string): void {
  check(context, spec, node, label, undefined, fieldName, fullyProcessed(context.document));
}

/** `processed`: the document holds no unprocessed value, so none of its nodes needs asking. */
function check(context: ValidationContext, spec: ValueSpec, node: ValueNode | undefined, base: string, step: Step, fieldName: string | undefined, processed: boolean): void {
  if (!node || (!processed && isUnprocessed(node))) return;
  // What a reference that leads nowhere stands for is unknown: the references rule reports it, and the shape of the
  // object that holds it says nothing more. Where the catalog takes a `$ref`, its form is still checked.
  if (node.type === 'object' && !fieldOf(spec, '$ref') && referenceLeadsNowhere(context.document, node)) return;
  if (!hasType(spec, node)) {
    const label = labelOf(base, step);
    const types = typesOf(spec);
    if (fieldName === 'statusCode' && node.type === 'number' && types.includes('string')) {
      context.report(node, 'status-code-not-string', `\`${label}\` is the number ${node.value}; API Gateway defines status codes as strings: write "${node.value}".`, {
        data: { expected: String(node.value) },
      });
      checkScalar(context, spec, node, label, undefined);
      return;
    }
    context.report(node, 'invalid-extension-type', `\`${label}\` must be ${describeTypes(types)}, not ${describeNode(context, node)}.`);
    return;
  }
  if (node.type === 'object') {
    const label = labelOf(base, step);
    if (spec.fields || spec.additionalFields === false) checkFields(context, spec, node, label, processed);
    if (spec.values || spec.keyPattern) checkMap(context, spec, node, label, processed);
  } else if (node.type === 'array') {
    const items = spec.items;
    if (!items) return;
    const label = labelOf(base, step);
    for (let i = 0; i < node.items.length; i++) check(context, items, node.items[i], label, i, undefined, processed);
  } else {
    checkScalar(context, spec, node, base, step);
  }
}

/** Whether a value is of one of its spec's types; a spec of one type, as most are, needs no list of them. */
function hasType(spec: ValueSpec, node: ValueNode): boolean {
  const type = spec.type;
  if (!Array.isArray(type)) return matchesType(node, type);
  for (let i = 0; i < type.length; i++) if (matchesType(node, type[i])) return true;
  return false;
}

function checkRange(context: ValidationContext, spec: ValueSpec, node: ScalarNode, n: number, base: string, step: Step): void {
  if ((spec.minimum !== undefined && n < spec.minimum) || (spec.maximum !== undefined && n > spec.maximum)) {
    const range = spec.maximum === undefined ? `at least ${spec.minimum}` : spec.minimum === undefined ? `at most ${spec.maximum}` : `from ${spec.minimum} to ${spec.maximum}`;
    context.report(node, 'value-out-of-range', `\`${labelOf(base, step)}\` is ${n}; it must be ${range}.`);
  }
}

function checkScalar(context: ValidationContext, spec: ValueSpec, node: ScalarNode, base: string, step: Step): void {
  if (spec.enum && node.type !== 'boolean' && node.type !== 'null') {
    checkEnumAt(context, spec, node, base, step);
    return;
  }
  if (node.type === 'number') checkRange(context, spec, node, node.value as number, base, step);
  // A number written as a string, where the field takes both (authorizerResultTtlInSeconds), has the same range.
  if (node.type === 'string' && (spec.minimum !== undefined || spec.maximum !== undefined)) {
    const text = node.value as string;
    const n = Number(text);
    if (text.trim() !== '' && Number.isFinite(n)) checkRange(context, spec, node, n, base, step);
  }
  if (spec.pattern && (node.type === 'string' || node.type === 'number')) {
    const text = String(node.value);
    if (!cachedRegExp(spec.pattern).test(text)) {
      const consequence = spec.patternConsequence ?? (spec.patternCode === 'invalid-arn' ? 'API Gateway imports it, but every call that uses it fails.' : undefined);
      // A media type written as its subtype alone (`png`, `json`) names the example it was cut from.
      const expected = spec.patternCode === 'invalid-media-type' ? closestName(text, stringExamples(spec)) : undefined;
      const hint = expected ? ` Did you mean \`${expected}\`?` : '';
      // Where an invocation URI belongs (an authorizer's), a bare function ARN names the function it only wraps.
      const invocationUri = spec.pattern === LAMBDA_INVOCATION_URI ? lambdaInvocationUri(text) : undefined;
      const correction = expected ?? invocationUri;
      context.report(node, spec.patternCode ?? 'invalid-value-format', `\`${labelOf(base, step)}\` "${text}" is not ${spec.patternMessage ?? `of the form ${spec.pattern}`}.${consequence ? ` ${consequence}` : ''}${hint}`, correction ? { data: { expected: correction } } : undefined);
    }
  }
}

/** A string that must be a Java regular expression, reported with Java's own complaint. */
function checkJavaRegex(context: ValidationContext, code: string, node: ScalarNode, base: string, step: Step): void {
  const text = node.value as string;
  const problem = javaPatternError(text);
  if (problem) context.report(node, code, `\`${labelOf(base, step)}\` ${quoted(text)} is not a valid Java regular expression: ${problem}.`);
}

function stringExamples(spec: ValueSpec): string[] {
  return spec.examples?.filter((e): e is string => typeof e === 'string') ?? [];
}

function checkFields(context: ValidationContext, spec: ValueSpec, node: ObjectNode, label: string, processed: boolean): void {
  const props = node.properties;
  // The object's `type`, read once and only if a field depends on it.
  let type: string | undefined | null = null;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    const key = String(p.keyValue);
    const field = fieldOf(spec, key);
    if (!field) {
      if (spec.additionalFields === false && !key.startsWith('x-')) reportUnknownField(context, spec, p, key, label);
      continue;
    }
    if (field.dialects && !field.dialects.includes(context.dialect)) {
      // Harmless (the import ignores it) and common in generated definitions, so shown faded rather than as a warning.
      context.report(keyOf(p), 'dialect-mismatch', `\`${key}\` of \`${label}\` applies only to ${field.dialects.map(dialectName).join(' and ')}; ${dialectName(context.dialect)} ignore it.`, {
        severity: 'hint',
        unnecessary: true,
      });
    }
    // What a field holds matters only where it is read: one the object's own type ignores has its own finding.
    if (field.forTypes && !fieldReadByType(field, type === null ? (type = asString(getValue(node, 'type'))) : type, context.dialect)) continue;
    check(context, field, p.value, label, key, key, processed);
    // One of the other dialect is not read either, and has its own finding.
    if (field.javaRegexCode && p.value?.type === 'string' && (processed || !isUnprocessed(p.value)) && fieldAppliesTo(field, context.dialect)) {
      checkJavaRegex(context, field.javaRegexCode, p.value, label, key);
    }
  }
  const required = requiredFields(spec, context.dialect);
  for (let i = 0; i < required.length; i++) {
    if (!hasKey(node, required[i].name)) reportMissing(context, required[i], node, label);
  }
  if (spec.exclusiveFields) checkExclusiveFields(context, spec.exclusiveFields, node, label);
}

function checkExclusiveFields(context: ValidationContext, groups: NonNullable<ValueSpec['exclusiveFields']>, node: ObjectNode, label: string): void {
  for (const { names, required } of groups) {
    const present = node.properties.filter((p) => names.includes(String(p.keyValue)));
    if (present.length === 0 && required) {
      const either = names.map((n) => `\`${n}\``).join(' or ');
      context.report(anchorOf(node), 'missing-required-field', `\`${label}\` needs ${either}.`, { data: { field: names[0] } });
    }
    for (let i = 1; i < present.length; i++) {
      const first = String(present[0].keyValue);
      const key = String(present[i].keyValue);
      const message = first === key ? undefined : `\`${label}\` has both \`${first}\` and \`${key}\`; it takes one of them.`;
      if (message) context.report(keyOf(present[i]), 'conflicting-fields', message);
    }
  }
}

/** The fields a spec requires in a dialect, in the catalog's order, listed once per spec and dialect. */
function requiredFields(spec: ValueSpec, dialect: Dialect): FieldSpec[] {
  const fields = spec.fields;
  if (!fields) return NONE;
  let byDialect = requiredByFields.get(fields);
  if (!byDialect) requiredByFields.set(fields, (byDialect = {}));
  return (byDialect[dialect] ??= fields.filter((field) => isFieldRequired(field, dialect)));
}

const NONE: FieldSpec[] = [];
/** Keyed by the fields list, which specs spread from one another share. */
const requiredByFields = new WeakMap<FieldSpec[], Partial<Record<Dialect, FieldSpec[]>>>();

function hasKey(node: ObjectNode, key: string): boolean {
  const props = node.properties;
  for (let i = 0; i < props.length; i++) if (props[i].keyValue === key) return true;
  return false;
}

function reportMissing(context: ValidationContext, field: FieldSpec, node: ObjectNode, label: string): void {
  const only = Array.isArray(field.required) ? ` (required for ${field.required.map(dialectName).join(' and ')})` : '';
  const advice = field.missingAdvice ? ` ${field.missingAdvice}` : '';
  const why = Array.isArray(field.required) && field.required.length === 1 ? dialectReason(context) : '';
  context.report(anchorOf(node), 'missing-required-field', `\`${label}\` needs \`${field.name}\`${only}.${advice}${why}`, { data: { field: field.name } });
}

function reportUnknownField(context: ValidationContext, spec: ValueSpec, p: PropertyNode, key: string, label: string): void {
  const names = (spec.fields ?? []).map((f) => f.name);
  const expected = nearMiss(key, names);
  const hint = expected ? ` Did you mean \`${expected}\`?` : ` Known fields: ${names.map((n) => `\`${n}\``).join(', ')}.`;
  context.report(keyOf(p), 'unknown-extension-field', `\`${label}\` has no field \`${key}\`; API Gateway ignores or rejects it.${hint}`, expected ? { data: { expected } } : undefined);
}

function checkMap(context: ValidationContext, spec: ValueSpec, node: ObjectNode, label: string, processed: boolean): void {
  const keyRe = spec.keyPattern ? cachedRegExp(spec.keyPattern) : undefined;
  const keyEnum = spec.keyEnum;
  const props = node.properties;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    const key = String(p.keyValue);
    if (spec.fields && fieldOf(spec, key)) continue;
    if (keyEnum && !keyEnum.includes(key)) {
      reportNotAmong(context, keyOf(p), 'invalid-map-key', `\`${key}\` is not a valid key of \`${label}\``, key, keyEnum, false);
      continue;
    }
    if (keyRe && !keyRe.test(key)) {
      reportKeyForm(context, spec, p, key, label);
      continue;
    }
    if (spec.values) check(context, spec.values, p.value, label, key, undefined, processed);
  }
}

function reportKeyForm(context: ValidationContext, spec: ValueSpec, p: PropertyNode, key: string, label: string): void {
  const candidates = stringExamples(spec);
  const expected = candidates.length ? closestName(key, candidates) : undefined;
  const suggestion = expected ? ` Did you mean \`${expected}\`?` : '';
  const options = expected ? { data: { expected } } : undefined;
  if (spec.keyPatternMessage) {
    const consequence = spec.keyPatternConsequence ? ` ${spec.keyPatternConsequence}` : '';
    context.report(keyOf(p), spec.keyPatternCode ?? 'invalid-map-key', `\`${key}\`, a key of \`${label}\`, is not ${spec.keyPatternMessage}.${consequence}${suggestion}`, options);
    return;
  }
  const hint = suggestion || (spec.keyDoc ? ` Expected: ${spec.keyDoc}` : '');
  context.report(keyOf(p), spec.keyPatternCode ?? 'invalid-map-key', `\`${key}\` is not a valid key of \`${label}\`.${hint}`, options);
}
