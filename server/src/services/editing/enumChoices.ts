import type { ApiDocument } from '../../model/apiDocument';
import type { Dialect } from '../../model/dialect';
import { isScalar, nodeAtOffset, pathOf, visitProperties } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import { findValueSpecIn, getExtension, takenIn } from '../../facts/extensions';
import type { ValueSpec } from '../../facts/extensionTypes';
import { isRetired } from '../../model/incrementalParse';
import { extensionIndexOf } from './documentPaths';
import { integrationTakes } from './integrationValues';

/** Past this many values a list of "Change to" fixes is a menu to read rather than a choice to make; completion offers them. */
const MAX_CHOICES = 6;

type LetterCase = 'upper' | 'lower';

/**
 * The values the catalog allows for the extension value at `offset`, in the catalog's order, written in the letter case
 * the document or else the dialect's AWS pages use, leaving out those another dialect only takes; none when there are
 * more than a few to choose from, or when the dialect does not read the value at all.
 */
export function enumChoices(document: ApiDocument, offset: number, dialect: Dialect): string[] {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node)) return [];
  const path = pathOf(node);
  const index = extensionIndexOf(path);
  const extension = index < 0 ? undefined : getExtension(String(path[index]));
  const spec = extension && findValueSpecIn(extension, path.slice(index + 1), dialect);
  if (!spec?.enum) return [];
  const letterCase = documentEnumCase(document, spec, path[path.length - 1], node);
  const holder = node.parent?.type === 'property' ? node.parent.parent : undefined;
  const values = spec.enum
    .filter((value) => takenIn(spec.enumDialects, value, dialect) && integrationTakes(holder, spec, value, dialect))
    .map((value) => enumSpelling(spec, value, dialect, letterCase));
  return values.length <= MAX_CHOICES ? values : [];
}

/**
 * A value of a case-insensitive enum as it is best written: in `letterCase` when one is asked for (what the user typed,
 * or the document writes elsewhere), else as the dialect's AWS pages write it, else as the catalog does.
 */
export function enumSpelling(spec: ValueSpec, value: string, dialect: Dialect, letterCase?: LetterCase): string {
  if (!spec.caseInsensitive) return value;
  const written = letterCase ?? spec.enumCase?.[dialect];
  return written === 'upper' ? value.toUpperCase() : written === 'lower' ? value.toLowerCase() : value;
}

/**
 * The letter case the document writes the values of this field in elsewhere, when most of them agree; `except` is the
 * value being chosen, which does not count. Fields are told apart by their catalog entry, so that `type` of an
 * integration is not read from `type` of a schema or an authorizer.
 */
export function documentEnumCase(document: ApiDocument, spec: ValueSpec, key: string | number, except?: ValueNode): LetterCase | undefined {
  if (!spec.caseInsensitive || !spec.enum || typeof key !== 'string') return undefined;
  const tally = caseTally(document, spec, key);
  let { upper, lower } = tally;
  const uses = except ? tally.uses.get(except) : undefined;
  if (uses && except?.type === 'string') {
    if (letterCaseOf(String(except.value)) === 'upper') upper -= uses;
    else lower -= uses;
  }
  return upper > lower ? 'upper' : lower > upper ? 'lower' : undefined;
}

/** How a document writes one field's values: the count in each case, and how often each value node was counted. */
interface CaseTally {
  upper: number;
  lower: number;
  /** Counted values, by the number of properties holding each (an alias repeats a node). */
  uses: Map<ValueNode, number>;
}

/**
 * Tallies by document, field and key. Completing a value with nothing typed asks on every request, and the walk over
 * a definition of several megabytes takes tens of milliseconds; a parsed tree does not change, so it is walked once.
 */
const tallies = new WeakMap<ApiDocument, Map<ValueSpec, Map<string, CaseTally>>>();

function caseTally(document: ApiDocument, spec: ValueSpec, key: string): CaseTally {
  // A retired document's nodes were taken over by a later version and changed with it: its tally would be stale.
  if (isRetired(document)) return walkTally(document, spec, key);
  let bySpec = tallies.get(document);
  if (!bySpec) tallies.set(document, (bySpec = new Map()));
  let byKey = bySpec.get(spec);
  if (!byKey) bySpec.set(spec, (byKey = new Map()));
  let tally = byKey.get(key);
  if (!tally) byKey.set(key, (tally = walkTally(document, spec, key)));
  return tally;
}

function walkTally(document: ApiDocument, spec: ValueSpec, key: string): CaseTally {
  const values = new Set(spec.enum!.map((v) => v.toLowerCase()));
  const tally: CaseTally = { upper: 0, lower: 0, uses: new Map() };
  visitProperties(document.root, (property) => {
    const value = property.value;
    if (property.keyValue !== key || value?.type !== 'string' || typeof value.value !== 'string') return;
    const text = value.value;
    if (!values.has(text.toLowerCase())) return;
    // Values without letters (`1.0`) read as both cases and so say nothing; mixed case says nothing either.
    const letterCase = letterCaseOf(text);
    if (!letterCase) return;
    const path = pathOf(value);
    const index = extensionIndexOf(path);
    const extension = index < 0 ? undefined : getExtension(String(path[index]));
    if (!extension || findValueSpecIn(extension, path.slice(index + 1)) !== spec) return;
    tally[letterCase]++;
    tally.uses.set(value, (tally.uses.get(value) ?? 0) + 1);
  });
  return tally;
}

function letterCaseOf(text: string): LetterCase | undefined {
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  if (upper === lower) return undefined;
  return text === upper ? 'upper' : text === lower ? 'lower' : undefined;
}
