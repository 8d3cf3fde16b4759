/**
 * The payload property a JSONPath names under the cursor, in the literal of `$input.path('…')` or
 * `$input.json('…')`: hover describes it, Go to Definition leads to its declaration, in another file too.
 */
import type { ApiDocument } from '../../model/apiDocument';
import type { LocatedTemplate } from './locate';
import type { ReferenceResolution } from './memberLookup';
import type { StringLiteral } from './templateScanner';
import { jsonPathSteps, type JsonPathStep, type PlacedObject, type SchemaProperty, type SchemaReader } from './templateSchemas';

export interface JsonPathProperty {
  /** Template offsets of the property's name as the literal spells it. */
  start: number;
  end: number;
  /** The expression's steps up to the property's own, which is the last. */
  steps: JsonPathStep[];
  /** The schema declaring the property: its parent's, or the elements' of a parent list, as JSONPath reaches into lists. */
  holder: PlacedObject | undefined;
  property: SchemaProperty;
}

/**
 * The JSONPath literal of `$input.path('…')` or `$input.json('…')` whose content holds the cursor (template offset
 * `at`), or the closing quote after it: a cursor there is just after the path's last name.
 */
export function jsonPathLiteralAt(resolution: ReferenceResolution, at: number): StringLiteral | undefined {
  for (const { segment, member, path } of resolution.resolved) {
    const literal = segment.call?.args[0]?.literal;
    if (literal && path[0] === 'input' && (member.name === 'path' || member.name === 'json') && at > literal.start && at < literal.end) return literal;
  }
  return undefined;
}

const JSON_PATH_NAME = /[A-Za-z0-9_-]/;

/**
 * The property of the payload schema that the name under the cursor (or just before it) in a JSONPath literal
 * names: the expression up to that name walked through the schema. `['name']` is a step with its quotes and bracket.
 */
export function jsonPathPropertyAt(schemas: SchemaReader, document: ApiDocument, template: LocatedTemplate, literal: StringLiteral, at: number): JsonPathProperty | undefined {
  const named = jsonPathNameAt(template, literal, at);
  if (!named) return undefined;
  const { steps } = named;
  const parent = schemas.atSteps(schemas.payload(document, template), steps.slice(0, -1));
  const holder = schemas.element(parent) ?? parent;
  const property = schemas.properties(holder).find((p) => p.name === named.name);
  return property && { start: named.start, end: named.end, steps, holder, property };
}

interface JsonPathName {
  /** Template offsets of the name as the literal spells it. */
  start: number;
  end: number;
  name: string;
  /** The expression's steps up to the name's own, which is the last. */
  steps: JsonPathStep[];
}

function jsonPathNameAt(template: LocatedTemplate, literal: StringLiteral, at: number): JsonPathName | undefined {
  const expression = literal.value;
  const offsets = valueOffsets(template.text, literal);
  let cursor = 0;
  while (cursor < expression.length && offsets[cursor + 1] <= at) cursor++;
  let start = cursor;
  while (start > 0 && JSON_PATH_NAME.test(expression[start - 1])) start--;
  let end = cursor;
  while (end < expression.length && JSON_PATH_NAME.test(expression[end])) end++;
  if (end === start) return undefined;
  const closing = /^(['"])\s*\]/.exec(expression.slice(end));
  const steps = jsonPathSteps(expression.slice(0, end + (closing ? closing[0].length : 0)));
  const last = steps?.[steps.length - 1];
  const name = expression.slice(start, end);
  // Part of a longer name (`$.a$b` read from `b`, `['a b']` from `b`) is no step of its own.
  if (!steps || last?.kind !== 'property' || last.name !== name) return undefined;
  return { start: offsets[start], end: offsets[end], name, steps };
}

/**
 * The template offset of each character of a literal's value, and of the value's end. A doubled quote, which the
 * value holds once, takes two characters of the source: offsets past `'it''s` are one further than the value's.
 */
function valueOffsets(text: string, literal: StringLiteral): number[] {
  const { value, quote } = literal;
  const offsets: number[] = [];
  let at = literal.start + 1;
  for (let i = 0; i < value.length; i++) {
    offsets.push(at);
    at += value[i] === quote && text[at] === quote && text[at + 1] === quote ? 2 : 1;
  }
  offsets.push(at);
  return offsets;
}
