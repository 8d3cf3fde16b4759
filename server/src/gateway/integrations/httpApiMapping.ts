import type { MethodRequest } from '../methodRequest';
import { contextValue } from './mappingSources';

/**
 * What HTTP API parameter mappings share in both directions: how a value is written (one `$request.x` / `$response.x`
 * reference, or text with `${...}` references) and how a header action applies.
 */

const SINGLE_REFERENCE = {
  request: /^\$(request|context|stageVariables)\.[^${}]+$/,
  response: /^\$(response|context|stageVariables)\.[^${}]+$/,
};

/** The value a mapping writes; `lookup` gets each reference without its `$`, and unknown ones read as empty. */
export function interpolate(template: string, direction: 'request' | 'response', lookup: (expression: string) => string | undefined): string {
  if (SINGLE_REFERENCE[direction].test(template)) return lookup(template.slice(1)) ?? '';
  return template.replace(/\$\{([^}]+)\}/g, (_, expression: string) => lookup(expression.replace(/^\$/, '')) ?? '');
}

/**
 * The value a request mapping writes, or undefined when the whole value is one reference (`$request.header.x` or
 * `${request.header.x}`) that has nothing to read: the mapping is then left out instead of sending an empty value.
 * References inside other text still read as empty.
 */
export function mappedValue(template: string, direction: 'request' | 'response', lookup: (expression: string) => string | undefined): string | undefined {
  const braced = /^\$\{([^${}]+)\}$/.exec(template);
  if (braced) return lookup(braced[1].replace(/^\$/, ''));
  if (SINGLE_REFERENCE[direction].test(template)) return lookup(template.slice(1));
  return interpolate(template, direction, lookup);
}

/** `stageVariables.x` and `context.x`, which mappings of both directions read. */
export function stageOrContextValue(expression: string, request: MethodRequest): string | undefined {
  if (expression.startsWith('stageVariables.')) return request.stageVariables[expression.slice('stageVariables.'.length)];
  if (expression.startsWith('context.')) return contextValue(request.context, expression.slice('context.'.length));
  return undefined;
}

/** `append`, `overwrite` or `remove` of one header, whose name matches case-insensitively. */
export function applyHeaderAction(headers: Record<string, string>, action: string, name: string, value: string): void {
  const existing = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
  if (action === 'remove') {
    if (existing) delete headers[existing];
  } else if (action === 'append' && existing) {
    headers[existing] = `${headers[existing]},${value}`;
  } else {
    if (existing) delete headers[existing];
    headers[name] = value;
  }
}
