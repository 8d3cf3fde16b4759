/**
 * A template's findings as the validation keeps them: relative to the start of the scalar's content, so that one entry
 * of the template cache serves every copy of the template wherever it stands. Placed in the validation's thread, or in
 * the template check worker, which receives the scalar's source with the template's text.
 */
import type { ScalarNode, ScalarStyle } from '../../model/nodes';
import type { Problem } from '../validationTypes';
import type { TextFinding } from './templateCheckMessages';
import { checkTemplateText, WHOLE_TEMPLATE, type TemplateFacts } from './templateChecks';
import { createOffsetMapping, type OffsetMapping } from './offsetMapping';
import { decodeScalar } from './scalarDecoding';

/** A finding with offsets relative to the scalar's content start, or about the template as a whole. */
export interface TemplateFinding {
  /** Undefined for problems about the whole template (reported on its MIME type key). */
  start?: number;
  end?: number;
  code: string;
  message: string;
  extra?: Partial<Problem>;
}

/** A scalar's source as written (between its quotes, or its block's lines) and how to read it. */
export interface ScalarSource {
  raw: string;
  style: ScalarStyle;
  blockIndent: number | undefined;
}

/** The checks' findings on a template's text, in template offsets. */
export function textFindings(facts: TemplateFacts): TextFinding[] {
  const found: TextFinding[] = [];
  checkTemplateText(facts, (start, end, code, message, extra) => found.push({ start, end, code, message, extra }));
  return found;
}

/** Findings in template offsets placed through the scalar's mapping, relative to `base`, its content start. */
export function relativeFindings(found: TextFinding[], toDocumentRange: OffsetMapping['toDocumentRange'], base: number): TemplateFinding[] {
  return found.map(({ start, end, code, message, extra }) => {
    if (start === WHOLE_TEMPLATE) return { code, message, extra };
    const range = toDocumentRange(start, end);
    return { start: range.offset - base, end: range.end - base, code, message, extra };
  });
}

/** `relativeFindings` for template `text` read from `scalar` alone, its content starting at 0. */
export function findingsInScalar(found: TextFinding[], text: string, scalar: ScalarSource): TemplateFinding[] {
  if (found.length === 0) return [];
  const length = scalar.raw.length;
  const node: ScalarNode = { type: 'string', value: text, style: scalar.style, blockIndent: scalar.blockIndent, offset: 0, end: length, contentOffset: 0, contentEnd: length, parent: undefined };
  return relativeFindings(found, createOffsetMapping(decodeScalar(scalar.raw, node)).toDocumentRange, 0);
}
