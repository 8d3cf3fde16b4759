import type { Rule } from '../validationTypes';
import { indexDocument } from './documentIndex';

/**
 * One note for the whole document: reporting every intrinsic or placeholder would bury real problems, and the other
 * rules skip such values anyway.
 */
export const unprocessedTemplateRule: Rule = (context) => {
  const found = indexDocument(context.document).firstUnprocessed;
  if (!found) return;
  const what = found.what.startsWith('${')
    ? `the placeholder \`${found.what}\``
    : `the CloudFormation intrinsic \`${found.what}\``;
  // A tagged value's range starts after its tag; the note covers the tag too.
  const node = found.node;
  const tagStart = node.tag ? context.document.text.lastIndexOf(node.tag, node.offset) : -1;
  const range = tagStart >= 0 && tagStart >= node.offset - node.tag!.length - 16 ? { offset: tagStart, end: node.end } : node;
  context.report(
    range,
    'unprocessed-template',
    `This definition contains ${what}: it is a template that CloudFormation, SAM or Terraform must process before API Gateway can import it. Values holding intrinsics or placeholders are not checked.`,
  );
};
