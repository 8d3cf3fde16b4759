/**
 * The foldable parts of a mapping template: the body of each block directive up to the directive that ends it, each
 * branch of an `#if` on its own, and block comments. Templates are rarely indented to their blocks (the output would
 * carry the indentation), so the editor's indentation folds miss most of them.
 */
import { scanTemplate } from './templateScanner';

/** In template offsets: `start` of the directive or comment, `close` of what ends the part (an `#else`, an `#end`). */
export interface TemplateFold {
  start: number;
  /** The ending directive's `#`, whose line stays visible; for a comment, its last character, whose line folds too. */
  close: number;
  kind?: 'comment';
}

const BLOCKS = new Set(['if', 'foreach', 'macro', 'define']);

export function templateFolds(text: string): TemplateFold[] {
  const scanned = scanTemplate(text);
  const folds: TemplateFold[] = [];
  // The start of the part each open block is in: the block's directive, or its latest `#elseif`/`#else`.
  const open: Array<{ name: string; partStart: number }> = [];
  for (const directive of scanned.directives) {
    const name = directive.name;
    if (BLOCKS.has(name) || name.startsWith('@')) {
      open.push({ name, partStart: directive.start });
    } else if ((name === 'elseif' || name === 'else') && open.length > 0 && open[open.length - 1].name === 'if') {
      const block = open[open.length - 1];
      folds.push({ start: block.partStart, close: directive.start });
      block.partStart = directive.start;
    } else if (name === 'end' && open.length > 0) {
      folds.push({ start: open.pop()!.partStart, close: directive.start });
    }
  }
  for (const comment of scanned.comments) {
    if (text.startsWith('#*', comment.start)) folds.push({ start: comment.start, close: Math.max(comment.start, comment.end - 1), kind: 'comment' });
  }
  return folds;
}
