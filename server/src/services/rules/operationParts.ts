import type { ValidateFunction } from 'ajv';
import { OPERATION_PARTS } from '../../facts/openapiSchemaSources';
import { toValue } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import { firstIndexNotBefore } from '../../util/sortedSearch';
import { LONGEST_OWN_KEY } from '../../util/longStringKeys';

/**
 * The structure verdicts on the parts of a document's operations (`OPERATION_PARTS`), kept by the part's source text:
 * the same text starting at the same column reads as the same value, so each distinct text is copied and checked once.
 * A definition's operations mostly repeat a handful of responses, parameters and security requirements.
 */
export class OperationPartVerdicts {
  /** By part and column (`responses@6`), then by text. */
  private readonly known = new Map<string, Map<string, boolean>>();
  /** Offsets of every `*` in YAML text, ascending; found on first use. */
  private stars: number[] | undefined;

  constructor(
    private readonly text: string,
    private readonly yaml: boolean,
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
    const validate = this.validators[key];
    const source = this.sourceOf(node);
    if (source === undefined) {
      const value = toValue(node);
      return validate(value) ? OPERATION_PARTS[key] : value;
    }
    const column = source.offset - this.text.lastIndexOf('\n', source.offset - 1) - 1;
    const slot = `${key}@${column}`;
    let byText = this.known.get(slot);
    if (!byText) this.known.set(slot, (byText = new Map()));
    const text = this.text.slice(source.offset, source.end);
    let valid = byText.get(text);
    if (valid === undefined) {
      valid = validate(toValue(node)) === true;
      byText.set(text, valid);
    }
    return valid ? OPERATION_PARTS[key] : toValue(node);
  }

  /**
   * The node's offsets when its text alone decides its value and can be a map key (see `mapKeyOf`). Not for YAML text
   * holding a `*`, which may be an alias: an alias's value is its anchor's, written elsewhere (and an anchor's name may
   * be taken again further on).
   */
  private sourceOf(node: ValueNode | undefined): { offset: number; end: number } | undefined {
    if (!node || node.offset < 0 || node.end <= node.offset || node.end - node.offset > LONGEST_OWN_KEY) return undefined;
    if (this.yaml) {
      const stars = (this.stars ??= starOffsets(this.text));
      const next = stars[firstIndexNotBefore(stars.length, (i) => stars[i] < node.offset)];
      if (next !== undefined && next < node.end) return undefined;
    }
    return node;
  }
}

function starOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('*'); at >= 0; at = text.indexOf('*', at + 1)) offsets.push(at);
  return offsets;
}
