import type { ValidateFunction } from 'ajv';
import { OPERATION_PARTS } from '../../facts/openapiSchemaSources';
import { toValue } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import { LONGEST_OWN_KEY } from '../../util/longStringKeys';
import { firstIndexAtLeast } from '../../util/sortedSearch';
import type { PartVerdicts } from './schemaShortcut';

/**
 * The structure verdicts on the parts of a document's operations (`OPERATION_PARTS`), kept by the part's source text:
 * the same text starting at the same column (any column, for text on one line) reads as the same value, so each
 * distinct text is copied and checked once.
 * A definition's operations mostly repeat a handful of responses, parameters and security requirements. The text runs
 * on over the blank lines after the part: a block scalar's value ends with them (`|+`, or lines of spaces indented
 * deeper than its content) though its node ends before them.
 */
export class OperationPartVerdicts implements PartVerdicts {
  /** By part, column and text. */
  private readonly known = new Map<string, Map<number, Map<string, boolean>>>();
  /** In a tree with copies: the verdict on each part judged so far, for the copies of it that aliases make. */
  private readonly judged = new Map<ValueNode, { key: string; valid: boolean }>();
  /** Offsets of every `*` in the text, ascending; found on first use. */
  private stars: number[] | undefined;
  /** Offsets of every `&`, likewise. */
  private ampersands: number[] | undefined;

  /** `copies`: the tree holds nodes copied for aliases or merge keys (`ApiDocument.aliasNodes`). */
  constructor(
    private readonly text: string,
    private readonly copies: boolean,
    private readonly validators: Record<string, ValidateFunction>,
  ) {}

  isPart(key: string): boolean {
    return Object.hasOwn(this.validators, key);
  }

  /**
   * What stands for part `key` in its operation's plain copy: the stand-in when the part is valid, which the
   * operation's schema accepts as it would the part; otherwise the part's own value, so that the operation fails.
   */
  copy(key: string, node: ValueNode | undefined): unknown {
    return this.isValid(key, node) ? OPERATION_PARTS[key] : toValue(node);
  }

  /** Whether part `key` is valid against its property schema. */
  isValid(key: string, node: ValueNode | undefined): boolean {
    // An alias's copy is judged as its anchor was, whose text is the value's own.
    const origin = node?.origin && this.judged.get(node.origin);
    if (origin && origin.key === key) return origin.valid;
    const valid = this.judge(key, node);
    if (this.copies && node && this.mayBeAnchored(node)) this.judged.set(node, { key, valid });
    return valid;
  }

  private judge(key: string, node: ValueNode | undefined): boolean {
    const validate = this.validators[key];
    const end = this.sourceEnd(node);
    if (end === undefined) return validate(toValue(node)) === true;
    const offset = node!.offset;
    const text = this.text.slice(offset, end);
    // Only a text over several lines can read otherwise at another column. Searching back for the line's start from
    // every part of one long line (minified JSON) would cross that line again and again.
    const column = text.includes('\n') ? offset - this.text.lastIndexOf('\n', offset - 1) - 1 : -1;
    let byColumn = this.known.get(key);
    if (!byColumn) this.known.set(key, (byColumn = new Map()));
    let byText = byColumn.get(column);
    if (!byText) byColumn.set(column, (byText = new Map()));
    let valid = byText.get(text);
    if (valid === undefined) {
      valid = validate(toValue(node)) === true;
      byText.set(text, valid);
    }
    return valid;
  }

  /** Whether an anchor may stand between the node's key and the node: `&` there, even in a comment, says maybe. */
  private mayBeAnchored(node: ValueNode): boolean {
    const entry = node.parent;
    if (entry?.type !== 'property') return true;
    const ampersands = (this.ampersands ??= offsetsOf(this.text, '&'));
    const next = ampersands[firstIndexAtLeast(ampersands, entry.keyEnd)];
    return next !== undefined && next < node.offset;
  }

  /**
   * Where the node's text ends, blank lines after it included, when that text (from the node's offset on) decides its
   * value and can be a map key (see
   * `mapKeyOf`). In a tree with copies, not for a copy: an alias's copy stands at its `*name`, whose value is the
   * anchor's, written elsewhere (and an anchor's name may be taken again further on); inside a copy, every node stands
   * where the copy's root does, which is also how a copy made for a merge key is told (its entries start where their
   * values do).
   */
  private sourceEnd(node: ValueNode | undefined): number | undefined {
    if (!node || node.offset < 0 || node.end <= node.offset) return undefined;
    const end = blankEnd(this.text, node.end);
    if (end - node.offset > LONGEST_OWN_KEY) return undefined;
    if (this.copies) {
      const entry = node.parent;
      if (entry?.type !== 'property' || node.offset <= entry.offset) return undefined;
      const stars = (this.stars ??= offsetsOf(this.text, '*'));
      const next = stars[firstIndexAtLeast(stars, node.offset)];
      if (next !== undefined && next < node.end) return undefined;
    }
    return end;
  }
}

/** The offset past the spaces, tabs and line breaks from `offset` on. */
function blankEnd(text: string, offset: number): number {
  BLANKS.lastIndex = offset;
  BLANKS.test(text);
  return BLANKS.lastIndex;
}

const BLANKS = /[ \t\r\n]*/y;

function offsetsOf(text: string, character: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) offsets.push(at);
  return offsets;
}
