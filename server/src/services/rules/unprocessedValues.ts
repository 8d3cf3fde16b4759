import type { ValueNode } from '../../model/nodes';

/**
 * CloudFormation intrinsics and template placeholders. A definition that still holds them is the input of
 * CloudFormation, SAM or Terraform, not what API Gateway imports; values holding them cannot be judged.
 */
const INTRINSIC_KEYS = new Set([
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
]);

/** Short-form YAML tags of the intrinsics (`!Sub`, `!GetAtt`, ...). */
const INTRINSIC_TAG = /^!(Ref|Condition|Base64|Cidr|FindInMap|GetAtt|GetAZs|If|ImportValue|Join|Select|Split|Sub|Transform|Length|ToJsonString|Equals|And|Or|Not)$/;

/**
 * `${...}` placeholders that API Gateway resolves itself: stage variables, the import-time AWS variables
 * (import-api-aws-variables), and the `${request...}` / `${context...}` references of HTTP API parameter mapping.
 */
const RESOLVED_BY_API_GATEWAY = /^(stageVariables\.|AWS::(Region|AccountId|Partition)$|request\.|context\.|\$)/;

export function isIntrinsic(node: ValueNode | undefined): boolean {
  if (!node) return false;
  if (node.tag !== undefined && INTRINSIC_TAG.test(node.tag)) return true;
  return node.type === 'object' && node.properties.length === 1 && INTRINSIC_KEYS.has(String(node.properties[0].keyValue));
}

/** The first `${...}` placeholder in a string that API Gateway would not resolve, e.g. Terraform's `${lambda_arn}`. */
export function foreignPlaceholder(text: string): string | undefined {
  let from = text.indexOf('${');
  while (from >= 0) {
    const close = text.indexOf('}', from + 2);
    if (close < 0) return undefined;
    const name = text.slice(from + 2, close);
    if (!RESOLVED_BY_API_GATEWAY.test(name)) return `\${${name}}`;
    from = text.indexOf('${', close + 1);
  }
  return undefined;
}

/** True when a value is an intrinsic, or a string with a placeholder, and so cannot be checked before processing. */
export function isUnprocessed(node: ValueNode | undefined): boolean {
  if (!node) return false;
  if (isIntrinsic(node)) return true;
  return node.type === 'string' && (node.value as string).includes('${') && foreignPlaceholder(node.value as string) !== undefined;
}
