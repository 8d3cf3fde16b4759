/**
 * A direct parser for the YAML that API definitions are written in: block mappings and sequences, plain, quoted and
 * block scalars, single-line flow collections, anchors and aliases, comments, and JSON. It calls the tree builder
 * directly instead of going through js-yaml's event objects, which is several times faster on multi-megabyte
 * definitions and leaves far less garbage: nodes are made as they are read, with the builder's own rules for keys,
 * anchors, aliases and merge keys. Anything outside that subset — and every malformed document — makes it give
 * up, and the caller parses with js-yaml, whose messages and corner cases stay authoritative. Offsets, styles and
 * values are those js-yaml reports for the same text (differential tests hold the two side by side).
 *
 * Runs of ordinary characters (the body of a scalar, a comment, the lines of a block scalar) are found by sticky
 * regular expressions rather than by loops over characters (`yamlScan`): a process that parses one large definition
 * and exits runs this code mostly before it is optimised, when a native scan costs what one or two interpreted
 * characters would. The same runs stop at characters outside the subset.
 */
import { getScalarValue, SCALAR_STYLE, type ScalarEvent } from 'js-yaml';
import type { ArrayNode, ObjectNode, ScalarNode, ValueNode } from './nodes';
import type { TreeBuilder } from './yamlTree';
import { NL, CR, SPACE, HASH, DASH, DOT, COLON, COMMA, SQUOTE, DQUOTE, BACKSLASH, LBRACKET, RBRACKET, LBRACE, RBRACE, AMP, STAR, PIPE, GT } from './charCodes';
import { commentEnd, isFlowIndicator, isFlowPlainStart, isPlainStart, skipAnchorName, skipFlowPlain, skipPlain, skipQuoted, skipSpaces } from './yamlScan';
import { blockScalarEnd, literalBlockValue } from './blockScalar';

/** How far below js-yaml's nesting limit the direct parser stops. */
const DEPTH_MARGIN = 10;

/** Thrown to abandon the fast path; never escapes `parseFastYaml`. */
const GIVE_UP = { giveUp: true };

/** A carriage return that does not end a line (CRLF), looked for only in texts that hold one. */
const LONE_CR = /\r(?!\n)/;

/** A text the direct parser read. */
export interface FastParse {
  /**
   * The text is strict JSON (RFC 8259), which JSON.parse accepts; false when it is not, or holds anything the parser
   * cannot vouch for.
   */
  strictJson: boolean;
}

/**
 * Parses `text` with `builder`, or returns undefined as soon as the text leaves the subset (the builder then holds a
 * partial tree and must be discarded).
 */
export function parseFastYaml(text: string, builder: TreeBuilder, maxDepth: number): FastParse | undefined {
  // Other characters outside the subset make the parser give up where it meets them; tabs, the likeliest of them, are
  // looked for first (natively, and fast), so that a text holding one is not parsed halfway for nothing.
  if (text.indexOf('\t') >= 0) return undefined;
  const lineFeedsOnly = text.indexOf('\r') < 0;
  if (!lineFeedsOnly && LONE_CR.test(text)) return undefined;
  try {
    const parser = new FastParser(text, builder, maxDepth, lineFeedsOnly);
    builder.setRoot(parser.document());
    return { strictJson: parser.strictJson };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

class FastParser {
  private pos = 0;
  /** Start of the line `nextContentLine` last stopped on, which every offset a column is asked of lies on. */
  private lineStart = 0;
  private depth = 0;
  private readonly length: number;
  /** The colon `isKeyAhead` found after the plain key at `keyStart`, so that `key` need not look for it again. */
  private keyStart = -1;
  private keyColon = -1;
  /**
   * Nothing read so far is outside strict JSON, so that a text that keeps it need not be parsed again as JSON. Each
   * construct of the subset that JSON lacks clears it where it is read; characters outside the subset (tabs, control
   * and non-BMP characters, a byte order mark) make the parser give up first, and a block collection is never JSON.
   */
  strictJson = true;

  constructor(
    private readonly text: string,
    private readonly build: TreeBuilder,
    private readonly maxDepth: number,
    /** No carriage returns: lines end with a line feed alone. */
    private readonly lineFeedsOnly: boolean,
  ) {
    this.length = text.length;
  }

  document(): ValueNode {
    this.documentStart();
    const indent = this.nextContentLine();
    // Empty documents and directives are rare; js-yaml handles them.
    if (indent < 0) giveUp();
    const c = this.text.charCodeAt(this.pos);
    let root: ValueNode;
    if (c === LBRACE || c === LBRACKET) {
      root = this.flowCollection(-1, -1, true);
      this.endOfLine();
    } else {
      this.strictJson = false;
      // A document that is one scalar is no API definition; js-yaml judges its corner cases.
      if (c === DASH && this.isSeparated(this.pos + 1)) root = this.blockSequence(indent, -1, -1);
      else if (this.isKeyAhead()) root = this.blockMapping(indent, -1, -1);
      else giveUp();
    }
    if (this.nextContentLine() !== -1) giveUp();
    return root;
  }

  /** A leading `---` on a line of its own is common in hand-written files; any other marker is left to js-yaml. */
  private documentStart(): void {
    const text = this.text;
    let p = 0;
    while (p < this.length) {
      if (text.charCodeAt(p) === HASH) {
        const end = this.commentEnd(p);
        if (end >= this.length) return;
        p = end + 1;
      } else if (text.charCodeAt(p) === NL) {
        p++;
      } else if (text.charCodeAt(p) === CR) {
        p += 2;
      } else {
        break;
      }
    }
    if (!text.startsWith('---', p)) return;
    this.strictJson = false;
    this.pos = p + 3;
    this.endOfLine();
  }

  // ---- lines -------------------------------------------------------------------------------------------------------

  /**
   * From the start of a line, skips blank and comment-only lines; leaves `pos` at the first content character of the
   * next content line and returns its indentation, or -1 at the end of the text.
   */
  private nextContentLine(): number {
    const text = this.text;
    let p = this.pos;
    while (p < this.length) {
      const lineStart = p;
      // Indentation is short: a loop costs less than a call.
      while (text.charCodeAt(p) === SPACE) p++;
      const c = text.charCodeAt(p);
      if (c === NL) {
        p++;
        continue;
      }
      if (c === CR) {
        p += 2;
        continue;
      }
      if (c === HASH) {
        const end = this.commentEnd(p);
        if (end >= this.length) break;
        p = end + 1;
        continue;
      }
      if (p >= this.length) break;
      const indent = p - lineStart;
      if (indent === 0 && (c === DASH || c === DOT || c === 37 /* % */) && this.isDocumentMarker(p)) giveUp();
      this.pos = p;
      this.lineStart = lineStart;
      return indent;
    }
    this.pos = this.length;
    return -1;
  }

  private isDocumentMarker(p: number): boolean {
    const text = this.text;
    if (text.charCodeAt(p) === 37) return true;
    const c = text.charCodeAt(p);
    if (text.charCodeAt(p + 1) !== c || text.charCodeAt(p + 2) !== c) return false;
    const after = text.charCodeAt(p + 3);
    return p + 3 >= this.length || after === SPACE || after === NL || after === CR;
  }

  /** After a value: only spaces and a comment may remain on the line; `pos` moves to the next line. */
  private endOfLine(): void {
    const text = this.text;
    let p = this.pos;
    let c = text.charCodeAt(p);
    // Values end at their line's end far more often than before a comment.
    if (c === NL) {
      this.pos = p + 1;
      return;
    }
    const start = p;
    while (c === SPACE) c = text.charCodeAt(++p);
    if (p >= this.length) {
      this.pos = p;
      return;
    }
    if (c === NL || c === CR) {
      this.pos = p + (c === CR ? 2 : 1);
      return;
    }
    if (c === HASH && (p > start || text.charCodeAt(p - 1) === SPACE)) {
      const end = this.commentEnd(p);
      this.pos = end >= this.length ? this.length : end + 1;
      return;
    }
    giveUp();
  }

  /** The line feed that ends the comment at `p`, or the text's length. */
  private commentEnd(p: number): number {
    this.strictJson = false;
    const end = commentEnd(this.text, p);
    if (end < 0) giveUp();
    return end;
  }

  /** True at the end of the line's content (end of text, newline, or a comment after a space). */
  private atLineEnd(): boolean {
    if (this.pos >= this.length) return true;
    const c = this.text.charCodeAt(this.pos);
    return c === NL || c === CR || (c === HASH && this.text.charCodeAt(this.pos - 1) === SPACE);
  }

  /**
   * js-yaml counts nesting its own way (block and flow collections differently); documents anywhere near its limit are
   * left to it, so that the limit's error is always its own.
   */
  private enter(): void {
    if (++this.depth > this.maxDepth - DEPTH_MARGIN) giveUp();
  }

  private leave(): void {
    this.depth--;
  }

  // ---- block structure ---------------------------------------------------------------------------------------------

  /**
   * A node that starts at `pos`, the first content of its line, inside a parent indented by `parentIndent`. `pos`
   * ends at the start of the line after the node.
   */
  private blockNodeOnLine(parentIndent: number, anchorStart: number, anchorEnd: number): ValueNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === DASH && this.isSeparated(this.pos + 1)) return this.blockSequence(this.pos - this.lineStart, anchorStart, anchorEnd);
    if (this.isKeyAhead()) return this.blockMapping(this.pos - this.lineStart, anchorStart, anchorEnd);
    // A scalar or flow collection on a line of its own (`key:\n  value`); a continuation on the next lines is more
    // indented than the parent, which the parent's loop leaves to js-yaml.
    return this.inlineValue(parentIndent, anchorStart, anchorEnd);
  }

  /** A space, a newline or the end of the text follows. */
  private isSeparated(p: number): boolean {
    if (p >= this.length) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || c === NL || c === CR;
  }

  /** Whether the content at `pos` is an implicit key (`key:` then a space or the line's end). */
  private isKeyAhead(): boolean {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === SQUOTE || c === DQUOTE) {
      let p = this.quotedEnd(start);
      while (text.charCodeAt(p) === SPACE) p++;
      return text.charCodeAt(p) === COLON && this.isSeparated(p + 1);
    }
    if (!isPlainStart(text, start)) return false;
    const colon = this.plainKeyColon(start);
    if (colon < 0) return false;
    this.keyStart = start;
    this.keyColon = colon;
    return true;
  }

  /**
   * The colon that ends the plain key starting at `start` (one followed by a space or the line's end); -1 when the line
   * has none, or a comment comes first.
   */
  private plainKeyColon(start: number): number {
    const text = this.text;
    let p = start;
    for (;;) {
      p = skipPlain(text, p);
      const c = text.charCodeAt(p);
      if (c === COLON) {
        if (this.isSeparated(p + 1)) return p;
      } else if (c !== HASH || text.charCodeAt(p - 1) === SPACE) {
        return -1;
      }
      p++;
    }
  }

  private blockMapping(indent: number, anchorStart: number, anchorEnd: number): ObjectNode {
    this.enter();
    const build = this.build;
    const node = build.object(this.pos, false);
    let end: number;
    for (;;) {
      this.key();
      // Held here: reading the value reads the keys nested in it.
      const keyValue = build.keyValue;
      const keyStyle = build.keyStyle;
      const keyOffset = build.keyOffset;
      const keyEnd = build.keyEnd;
      build.checkKeyName(node, keyValue, keyOffset, keyEnd);
      end = build.propertyAt(node, keyValue, keyStyle, keyOffset, keyEnd, this.mappingValue(indent)).end;
      const next = this.nextContentLine();
      if (next < indent) break;
      if (next > indent) giveUp();
      // A sequence at the mapping's own indentation belongs to the previous key and has been read with it.
      if (this.text.charCodeAt(this.pos) === DASH && this.isSeparated(this.pos + 1)) giveUp();
    }
    build.finish(node, end, anchorStart, anchorEnd);
    this.leave();
    return node;
  }

  /** A key at `pos`, through its colon, read into the builder's `key*` fields. */
  private key(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let p: number;
    if (c === SQUOTE || c === DQUOTE) {
      this.quotedKey();
      p = this.pos;
      while (text.charCodeAt(p) === SPACE) p++;
      if (text.charCodeAt(p) !== COLON) giveUp();
    } else {
      if (start === this.keyStart) {
        p = this.keyColon;
      } else {
        if (!isPlainStart(text, start)) giveUp();
        p = this.plainKeyColon(start);
        if (p < 0) giveUp();
      }
      let end = p;
      while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
      this.build.plainKey(start, end);
    }
    this.pos = p + 1;
  }

  /** The value after `key:` in a block mapping at `indent`; `pos` ends at the start of the next line. */
  private mappingValue(indent: number): ValueNode {
    const text = this.text;
    let p = this.pos;
    while (text.charCodeAt(p) === SPACE) p++;
    this.pos = p;
    let anchorStart = -1;
    let anchorEnd = -1;
    if (text.charCodeAt(p) === AMP) {
      anchorStart = this.anchor();
      anchorEnd = this.pos;
      p = this.pos;
      while (text.charCodeAt(p) === SPACE) p++;
      this.pos = p;
    }
    if (this.atLineEnd()) {
      this.endOfLine();
      const next = this.nextContentLine();
      let value: ValueNode;
      if (next > indent) {
        value = this.blockNodeOnLine(indent, anchorStart, anchorEnd);
      } else if (next === indent && text.charCodeAt(this.pos) === DASH && this.isSeparated(this.pos + 1)) {
        value = this.blockSequence(next, anchorStart, anchorEnd);
      } else {
        value = this.empty(anchorStart, anchorEnd);
      }
      this.rewindToLineStart();
      return value;
    }
    return this.inlineValue(indent, anchorStart, anchorEnd);
  }

  /** A value left out (`key:` with nothing after it): js-yaml gives it no position. */
  private empty(anchorStart: number, anchorEnd: number): ScalarNode {
    return this.build.scalarNode(-1, -1, SCALAR_STYLE.PLAIN, '', -1, -1, anchorStart, anchorEnd, 0);
  }

  /**
   * Callers continue from a line start; block nodes leave `pos` there already, a node that ended a mapping by
   * dedenting leaves it at that line's content, the line `nextContentLine` last stopped on, so it is moved back.
   */
  private rewindToLineStart(): void {
    if (this.pos < this.length && this.text.charCodeAt(this.pos - 1) !== NL) this.pos = this.lineStart;
  }

  /** A value on the same line as its key or dash: alias, block scalar, flow collection, quoted or plain scalar. */
  private inlineValue(indent: number, anchorStart: number, anchorEnd: number): ValueNode {
    const c = this.text.charCodeAt(this.pos);
    let value: ValueNode;
    if (c === STAR) {
      if (anchorStart >= 0) giveUp();
      const start = this.anchor();
      value = this.build.aliasNode(start, this.pos);
      // A malformed document: js-yaml's syntax errors elsewhere in the text come before this one.
      if (this.build.unknownAlias) giveUp();
    } else if (c === PIPE || c === GT) {
      // A block scalar ends at a line start of its own.
      return this.blockScalar(indent, anchorStart, anchorEnd);
    } else if (c === LBRACKET || c === LBRACE) {
      value = this.flowCollection(anchorStart, anchorEnd, false);
    } else if (c === SQUOTE || c === DQUOTE) {
      value = this.quotedScalar(anchorStart, anchorEnd);
    } else {
      value = this.plainValue(anchorStart, anchorEnd);
    }
    this.endOfLine();
    return value;
  }

  /** `&name` or `*name` at `pos`: returns where the name starts; `pos` ends after it. */
  private anchor(): number {
    const start = ++this.pos;
    const end = skipAnchorName(this.text, start);
    const c = this.text.charCodeAt(end);
    // Stopped by a character outside the subset.
    if (end < this.length && c !== SPACE && c !== NL && c !== CR && !isFlowIndicator(c)) giveUp();
    if (end === start) giveUp();
    this.pos = end;
    return start;
  }

  private blockSequence(indent: number, anchorStart: number, anchorEnd: number): ArrayNode {
    this.enter();
    const build = this.build;
    const node = build.array(this.pos, false);
    let end: number;
    for (;;) {
      // At the dash.
      this.pos++;
      const item = this.sequenceItem(indent);
      build.item(node, item);
      end = item.end;
      const next = this.nextContentLine();
      if (next < indent) break;
      if (next > indent) giveUp();
      if (!(this.text.charCodeAt(this.pos) === DASH && this.isSeparated(this.pos + 1))) break;
    }
    build.finish(node, end, anchorStart, anchorEnd);
    this.leave();
    this.rewindToLineStart();
    return node;
  }

  private sequenceItem(indent: number): ValueNode {
    const text = this.text;
    let p = this.pos;
    while (text.charCodeAt(p) === SPACE) p++;
    this.pos = p;
    let anchorStart = -1;
    let anchorEnd = -1;
    if (text.charCodeAt(p) === AMP) {
      anchorStart = this.anchor();
      anchorEnd = this.pos;
      p = this.pos;
      while (text.charCodeAt(p) === SPACE) p++;
      this.pos = p;
      // `- &a key: value` anchors the key in YAML, not the mapping; rare enough to leave to js-yaml.
      if (!this.atLineEnd() && this.isKeyAhead()) giveUp();
    }
    if (this.atLineEnd()) {
      this.endOfLine();
      const next = this.nextContentLine();
      const value = next > indent ? this.blockNodeOnLine(indent, anchorStart, anchorEnd) : this.empty(anchorStart, anchorEnd);
      this.rewindToLineStart();
      return value;
    }
    const c = text.charCodeAt(this.pos);
    if (c === DASH && this.isSeparated(this.pos + 1)) return this.blockSequence(this.pos - this.lineStart, anchorStart, anchorEnd);
    if (this.isKeyAhead()) {
      const mapping = this.blockMapping(this.pos - this.lineStart, anchorStart, anchorEnd);
      this.rewindToLineStart();
      return mapping;
    }
    return this.inlineValue(indent, anchorStart, anchorEnd);
  }

  // ---- scalars -----------------------------------------------------------------------------------------------------

  /** A plain scalar value in block context, on one line. */
  private plainValue(anchorStart: number, anchorEnd: number): ScalarNode {
    const text = this.text;
    const start = this.pos;
    if (!isPlainStart(text, start)) giveUp();
    let p = start;
    for (;;) {
      p = skipPlain(text, p);
      const c = text.charCodeAt(p);
      if (c === COLON) {
        if (this.isSeparated(p + 1)) giveUp();
      } else if (c !== HASH || text.charCodeAt(p - 1) === SPACE) {
        break;
      }
      p++;
    }
    let end = p;
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
    this.pos = end;
    // A more indented line after a plain scalar continues it (a multi-line plain scalar): left to js-yaml, which the
    // caller's indentation check arranges.
    return this.build.plainScalar(start, end, anchorStart, anchorEnd);
  }

  /** Whether the last quoted scalar scanned by `quotedEnd` holds escapes (`\\` or `''`). */
  private escaped = false;

  /** Offset just past the closing quote of the quoted scalar at `p`, on the same line. */
  private quotedEnd(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    if (quote === SQUOTE) this.strictJson = false;
    let escaped = false;
    let i = p + 1;
    for (;;) {
      i = skipQuoted(text, i, quote);
      if (i >= this.length) giveUp();
      const c = text.charCodeAt(i);
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          escaped = true;
          i += 2;
          continue;
        }
        this.escaped = escaped;
        return i + 1;
      }
      // A line break, or a backslash in a double-quoted scalar.
      if (c !== BACKSLASH) giveUp();
      escaped = true;
      if (!JSON_ESCAPES.has(text.charCodeAt(i + 1))) this.strictJson = false;
      i += escapeLength(text, i + 1);
    }
  }

  private quotedScalar(anchorStart: number, anchorEnd: number): ScalarNode {
    const text = this.text;
    const start = this.pos;
    const close = this.quotedEnd(start);
    const valueStart = start + 1;
    const valueEnd = close - 1;
    const style = text.charCodeAt(start) === SQUOTE ? SCALAR_STYLE.SINGLE_QUOTED : SCALAR_STYLE.DOUBLE_QUOTED;
    const raw = this.escaped ? decode(text, style, valueStart, valueEnd, 0, 1) : undefined;
    const node = this.build.scalarNode(valueStart, valueEnd, style, raw, -1, -1, anchorStart, anchorEnd, 0);
    this.pos = close;
    return node;
  }

  /** `quotedScalar` for a key, read into the builder's `key*` fields. */
  private quotedKey(): void {
    const text = this.text;
    const start = this.pos;
    const close = this.quotedEnd(start);
    const valueStart = start + 1;
    const valueEnd = close - 1;
    const style = text.charCodeAt(start) === SQUOTE ? SCALAR_STYLE.SINGLE_QUOTED : SCALAR_STYLE.DOUBLE_QUOTED;
    this.build.quotedKey(valueStart, valueEnd, style, this.escaped ? decode(text, style, valueStart, valueEnd, 0, 1) : undefined);
    this.pos = close;
  }

  /** `|` or `>` with an optional chomping indicator, then lines indented more than `parentIndent`. */
  private blockScalar(parentIndent: number, anchorStart: number, anchorEnd: number): ScalarNode {
    const text = this.text;
    const style = text.charCodeAt(this.pos) === PIPE ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
    this.pos++;
    let chomping = 1;
    const indicator = text.charCodeAt(this.pos);
    if (indicator === DASH) {
      chomping = 2;
      this.pos++;
    } else if (indicator === 43 /* + */) {
      chomping = 3;
      this.pos++;
    }
    // Explicit indentation indicators are left to js-yaml.
    if (!this.atLineEnd() && text.charCodeAt(this.pos) !== SPACE) giveUp();
    this.endOfLine();
    const valueStart = this.pos;
    // The content's indentation is that of the first non-blank line; blank lines before it may not be longer.
    let p = valueStart;
    let longestBlank = 0;
    let contentIndent = -1;
    let contentStart = valueStart;
    while (p < this.length) {
      const lineStart = p;
      p = skipSpaces(text, p);
      if (p >= this.length) break;
      const c = text.charCodeAt(p);
      if (c === NL || c === CR) {
        longestBlank = Math.max(longestBlank, p - lineStart);
        p += c === CR ? 2 : 1;
        continue;
      }
      contentIndent = p - lineStart;
      contentStart = lineStart;
      break;
    }
    if (contentIndent <= parentIndent || contentIndent < 1 || longestBlank > contentIndent) giveUp();
    const end = blockScalarEnd(text, valueStart, contentIndent);
    // Only a character outside the subset stops the scalar before its first content line.
    if (end <= contentStart) giveUp();
    const raw = style === SCALAR_STYLE.LITERAL_BLOCK && this.lineFeedsOnly ? literalBlockValue(text, valueStart, end, contentIndent, chomping) : decode(text, style, valueStart, end, contentIndent, chomping);
    const node = this.build.scalarNode(valueStart, end, style, raw, -1, -1, anchorStart, anchorEnd, contentIndent);
    this.pos = end;
    return node;
  }

  // ---- flow collections ------------------------------------------------------------------------------------------

  /**
   * `[...]` or `{...}` of flow scalars and nested flow collections. In block context it must stay on one line; a
   * whole-document flow collection (JSON) may span lines.
   */
  private flowCollection(anchorStart: number, anchorEnd: number, multiLine: boolean): ObjectNode | ArrayNode {
    const text = this.text;
    this.enter();
    const build = this.build;
    const open = text.charCodeAt(this.pos);
    const isMap = open === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const node = isMap ? build.object(this.pos, true) : build.array(this.pos, true);
    this.pos++;
    this.flowSpace(multiLine);
    if (text.charCodeAt(this.pos) === close) {
      this.pos++;
    } else {
      for (;;) {
        if (node.type === 'object') {
          this.flowKey(multiLine);
          const keyValue = build.keyValue;
          const keyStyle = build.keyStyle;
          const keyOffset = build.keyOffset;
          const keyEnd = build.keyEnd;
          this.flowSpace(multiLine);
          if (text.charCodeAt(this.pos) !== COLON) giveUp();
          this.pos++;
          this.flowSpace(multiLine);
          build.checkKeyName(node, keyValue, keyOffset, keyEnd);
          build.propertyAt(node, keyValue, keyStyle, keyOffset, keyEnd, this.flowNode(multiLine, false));
        } else {
          build.item(node, this.flowNode(multiLine, false));
        }
        this.flowSpace(multiLine);
        const c = text.charCodeAt(this.pos);
        if (c === close) {
          this.pos++;
          break;
        }
        if (c !== COMMA) giveUp();
        this.pos++;
        this.flowSpace(multiLine);
        // A trailing comma is YAML but not JSON; js-yaml decides what it means.
        if (text.charCodeAt(this.pos) === close) giveUp();
      }
    }
    build.finish(node, this.pos, anchorStart, anchorEnd);
    this.leave();
    return node;
  }

  /** Spaces, and in a multi-line collection newlines and comments too. */
  private flowSpace(multiLine: boolean): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) {
        this.pos = skipSpaces(text, this.pos);
      } else if (c === NL || c === CR) {
        if (!multiLine) giveUp();
        this.pos += c === CR ? 2 : 1;
        // A document marker ends the document even inside a flow collection.
        const first = text.charCodeAt(this.pos);
        if ((first === DASH || first === DOT || first === 37) && this.isDocumentMarker(this.pos)) giveUp();
      } else if (c === HASH && multiLine && (text.charCodeAt(this.pos - 1) === SPACE || text.charCodeAt(this.pos - 1) === NL)) {
        this.pos = this.commentEnd(this.pos);
      } else {
        if (this.pos >= this.length) giveUp();
        return;
      }
    }
  }

  /** A flow mapping's key, read into the builder's `key*` fields. */
  private flowKey(multiLine: boolean): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === LBRACKET || c === LBRACE) giveUp();
    if (c === SQUOTE || c === DQUOTE) {
      this.quotedKey();
      return;
    }
    this.strictJson = false;
    this.flowPlain(multiLine, true);
    this.build.plainKey(this.plainStart, this.plainEnd);
  }

  private flowNode(multiLine: boolean, isKey: boolean): ValueNode {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === LBRACKET || c === LBRACE) {
      if (isKey) giveUp();
      return this.flowCollection(-1, -1, multiLine);
    }
    if (c === SQUOTE || c === DQUOTE) {
      const quoted = this.quotedScalar(-1, -1);
      // `["a": 1]` is a single-pair mapping inside a sequence; left to js-yaml.
      if (!isKey && text.charCodeAt(this.pos) === COLON) giveUp();
      return quoted;
    }
    this.flowPlain(multiLine, isKey);
    if (this.strictJson) {
      JSON_LITERAL.lastIndex = this.plainStart;
      if (!JSON_LITERAL.test(text) || JSON_LITERAL.lastIndex !== this.plainEnd) this.strictJson = false;
    }
    return this.build.plainScalar(this.plainStart, this.plainEnd, -1, -1);
  }

  /** The range `flowPlain` found. */
  private plainStart = 0;
  private plainEnd = 0;

  /** Finds a plain scalar in a flow collection (`plainStart`, `plainEnd`); `pos` ends after it, past spaces and comments when it is last on its line. */
  private flowPlain(multiLine: boolean, isKey: boolean): void {
    const text = this.text;
    const start = this.pos;
    if (!isFlowPlainStart(text, start)) giveUp();
    let p = start;
    for (;;) {
      p = skipFlowPlain(text, p);
      const ch = text.charCodeAt(p);
      if (ch === COLON) {
        const after = text.charCodeAt(p + 1);
        if (after === SPACE || after === NL || after === CR || isFlowIndicator(after) || p + 1 >= this.length) break;
      } else if (ch !== HASH || text.charCodeAt(p - 1) === SPACE) {
        break;
      }
      p++;
    }
    let end = p;
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
    if (end === start) giveUp();
    if (!isKey && text.charCodeAt(p) === COLON) giveUp();
    this.pos = end;
    // A plain scalar that goes on after a line break is left to js-yaml.
    const after = text.charCodeAt(p);
    if (after === NL || after === CR || after === HASH) {
      this.flowSpace(multiLine);
      const next = text.charCodeAt(this.pos);
      if (!(next === COMMA || next === RBRACKET || next === RBRACE || (isKey && next === COLON))) giveUp();
    }
    this.plainStart = start;
    this.plainEnd = end;
  }
}

/** Characters that may follow a backslash in a double-quoted scalar, besides `x`, `u` and `U` with hex digits. */
const SIMPLE_ESCAPES = new Set('0abt\tnvfre "/\\N_LP'.split('').map((c) => c.charCodeAt(0)));
const HEX_DIGITS: Record<number, number> = { 120: 2, 117: 4, 85: 8 }; // x u U
/** Those of them JSON has too (`u` with four hex digits, which `escapeLength` checks). */
const JSON_ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)));
/**
 * A JSON number, `true`, `false` or `null`, from a given offset. Each alternative takes the longest literal it can, so
 * a plain scalar is one of them exactly when the match ends where the scalar does (`01` and `1.` stop short).
 */
const JSON_LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

/** Length of the escape sequence whose backslash stands before `p`, backslash included; gives up on invalid ones. */
function escapeLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (SIMPLE_ESCAPES.has(c)) return 2;
  const digits = HEX_DIGITS[c];
  // An escaped line break continues the scalar on the next line: left to js-yaml, as are unknown escapes.
  if (digits === undefined) giveUp();
  for (let i = 1; i <= digits; i++) {
    const h = text.charCodeAt(p + i);
    if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) giveUp();
  }
  return 2 + digits;
}

/** The value of a quoted or block scalar, decoded by js-yaml itself so that escapes and folding match exactly. */
function decode(text: string, style: number, valueStart: number, valueEnd: number, indent: number, chomping: number): string {
  const event = { type: 4, valueStart, valueEnd, anchorStart: -1, anchorEnd: -1, tagStart: -1, tagEnd: -1, style, chomping, indent, fast: false } as ScalarEvent;
  return getScalarValue(text, event);
}
