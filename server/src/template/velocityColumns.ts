/**
 * Column numbers as Velocity 1.7 states them in its exceptions: its character stream (JavaCC's, tab size 8) moves a tab
 * on to the next tab stop, where our positions count every character as one. Editors place diagnostics by character,
 * so `column` stays a character count and this is kept apart, for messages and comparisons with Velocity's.
 */
import { lineStartOffset } from '../model/textPositions';

const TAB_SIZE = 8;

/**
 * Velocity's column for the 1-based `line` and character `column` of `template`, or undefined when no tab stands
 * before it on its line (the two then agree). A tab's own column is the tab stop it moves to, as JavaCC counts it.
 */
export function velocityColumn(template: string, line: number, column: number): number | undefined {
  const start = lineStartOffset(template, line);
  if (start === undefined) return undefined;
  const end = Math.min(start + column, template.length);
  const tab = template.indexOf('\t', start);
  if (tab < 0 || tab >= end) return undefined;
  let counted = 0;
  for (let i = start; i < start + column; i++) {
    counted++;
    if (template[i] === '\t') counted = counted - 1 + TAB_SIZE - ((counted - 1) % TAB_SIZE);
  }
  return counted;
}

/** `problems` with Velocity's column beside each column a tab before it makes differ. */
export function withVelocityColumns<T extends { line?: number; column?: number; velocityColumn?: number }>(template: string, problems: T[]): T[] {
  if (!template.includes('\t')) return problems;
  return problems.map((p) => {
    if (p.line === undefined || p.column === undefined) return p;
    const velocity = velocityColumn(template, p.line, p.column);
    return velocity === undefined || velocity === p.column ? p : { ...p, velocityColumn: velocity };
  });
}
