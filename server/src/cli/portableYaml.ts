import { Document, Scalar, visit } from 'yaml';

/**
 * YAML that reads back as the same value whatever the reader's version. CloudFormation and SAM tooling, PyYAML and
 * SnakeYAML read YAML 1.1, where plain `yes`, `on`, `0777`, `1_000`, `12:30:00` or `2026-11-01` are no strings but
 * booleans, numbers and dates: the 1.1 schema as `compat` quotes each string either version would read otherwise,
 * and no `%YAML` directive is written, so YAML 1.2 readers see the very same values.
 */
export function portableYaml(value: unknown): string {
  const document = new Document(value, { compat: 'yaml-1.1' });
  visit(document, {
    Scalar(_, node) {
      // PyYAML resolves a plain `=` to the 1.1 "value" type, which its safe loader cannot construct; the yaml
      // package's 1.1 schema leaves that type out.
      if (node.value === '=') node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: 0 });
}
