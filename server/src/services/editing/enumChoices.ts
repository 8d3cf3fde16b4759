import type { ApiDocument } from '../../model/apiDocument';
import type { Dialect } from '../../model/dialect';
import { asString, getValue, isScalar, nodeAtOffset, pathOf } from '../../model/navigate';
import type { NodePath, ValueNode } from '../../model/nodes';
import { takesPayloadFormat2 } from '../rules/integrationSettings';
import { findValueSpec, getExtension } from '../../facts/extensions';
import { extensionIndexOf } from './documentPaths';

/** Past this many values a list of "Change to" fixes is a menu to read rather than a choice to make; completion offers them. */
const MAX_CHOICES = 6;

/**
 * The values the catalog allows for the extension value at `offset`, in the catalog's order and letter case, leaving
 * out those another dialect only takes; none when there are more than a few to choose from.
 */
export function enumChoices(document: ApiDocument, offset: number, dialect: Dialect): string[] {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node)) return [];
  const path = pathOf(node);
  const index = extensionIndexOf(path);
  const extension = index < 0 ? undefined : getExtension(String(path[index]));
  const spec = extension && findValueSpec(extension, path.slice(index + 1));
  const values = (spec?.enum ?? []).filter((value) => (!spec?.enumDialects?.[value] || spec.enumDialects[value].includes(dialect)) && (value !== '2.0' || !isPayloadFormat(path, index) || payloadFormat2Allowed(node)));
  return values.length <= MAX_CHOICES ? values : [];
}

/** `payloadFormatVersion` of an integration, whose 2.0 only Lambda proxy integrations take. */
function isPayloadFormat(path: NodePath, index: number): boolean {
  return path[index] === 'x-amazon-apigateway-integration' && path.length === index + 2 && path[index + 1] === 'payloadFormatVersion';
}

function payloadFormat2Allowed(node: ValueNode): boolean {
  const integration = node.parent?.parent;
  if (integration?.type !== 'object') return true;
  const type = asString(getValue(integration, 'type'))?.toLowerCase() ?? '';
  return takesPayloadFormat2(type, getValue(integration, 'integrationSubtype') !== undefined, asString(getValue(integration, 'uri')));
}
