/**
 * Answers about a version that does not parse, read from the last version that did, in the current version's
 * positions. A large definition has no forgiving parse (it costs about 2 s per MB), so without this, hover, definition,
 * references and the outline went blank whenever a line was half typed. Only what stands outside the edit since that
 * version is answered: positions inside it have no counterpart there.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiDocument } from './model/apiDocument';
import { findTextChange, type TextChange } from './model/textChange';
import type { ShiftOf } from './model/placement';

export interface LastParsedView {
  /** The last version that parsed. */
  document: ApiDocument;
  /** The offset in that version of an offset of the current one; undefined inside the edit. */
  offsetThere(offset: number): number | undefined;
  /** The result with every range of this document moved to the current version's positions. */
  rangesHere<T>(result: T): T;
  /** How that version's text became the current one's. */
  change: TextChange;
  /** How far a range of that version moved to stand in the current one; undefined when the edit touches it. */
  shiftOf: ShiftOf;
}

export function lastParsedView(base: ApiDocument, current: TextDocument): LastParsedView {
  const change = findTextChange(base.text, current.getText());
  const delta = change.newEnd - change.oldEnd;
  const here = (position: Position, side: 'start' | 'end'): Position => {
    const offset = base.textDocument.offsetAt(position);
    // A range reaching into the edit ends where the edit does, on the side it comes from.
    const moved = offset < change.start ? offset : offset >= change.oldEnd ? offset + delta : side === 'start' ? change.start : change.newEnd;
    return current.positionAt(moved);
  };
  const mapRange = (range: Range): Range => ({ start: here(range.start, 'start'), end: here(range.end, 'end') });
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!value || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    // Locations in other documents stay as they are.
    if (typeof object.uri === 'string' && object.uri !== current.uri) return value;
    if (isRange(object)) return mapRange(object);
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(object)) copy[key] = walk(child);
    return copy;
  };
  return {
    document: base,
    offsetThere: (offset) => (offset < change.start ? offset : offset >= change.newEnd ? offset - delta : undefined),
    rangesHere: <T>(result: T) => walk(result) as T,
    change,
    shiftOf: (start, end) => (end <= change.start ? 0 : start >= change.oldEnd ? delta : undefined),
  };
}

function isRange(value: Record<string, unknown>): value is Range & Record<string, unknown> {
  const isPosition = (p: unknown) => !!p && typeof p === 'object' && typeof (p as Position).line === 'number' && typeof (p as Position).character === 'number';
  return isPosition(value.start) && isPosition(value.end) && Object.keys(value).length === 2;
}
