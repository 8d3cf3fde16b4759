import { Document, Scalar, visit, type ScalarTag } from 'yaml';

/**
 * YAML that reads back as the same value whatever the reader's version. CloudFormation and SAM tooling, PyYAML and
 * SnakeYAML read YAML 1.1, where plain `yes`, `on`, `0777`, `1_000`, `12:30:00` or `2026-11-01` are no strings but
 * booleans, numbers and dates: the 1.1 schema as `compat` quotes each string either version would read otherwise,
 * and no `%YAML` directive is written, so YAML 1.2 readers see the very same values.
 */
export function portableYaml(value: unknown): string {
  const document = new Document(value, { compat: 'yaml-1.1', customTags: (tags) => [DOTTED_EXPONENT, ...tags] });
  visit(document, {
    Scalar(_, node) {
      // PyYAML resolves a plain `=` to the 1.1 "value" type, which its safe loader cannot construct; the yaml
      // package's 1.1 schema leaves that type out.
      if (node.value === '=') node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: 0 });
}

/**
 * A number JavaScript writes with an exponent and no dot (`1e+21`, `1e-7`): YAML 1.1 floats need the dot, so PyYAML
 * and SnakeYAML would read the plain form as a string. `1.0e+21` is the same number in both versions.
 */
const DOTTED_EXPONENT: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value) => typeof value === 'number' && Number.isFinite(value) && /^-?\d+e/.test(String(value)),
  // Only for writing: reading goes by the schema's own float tags.
  resolve: (text) => Number(text),
  test: /(?!)/,
  stringify: ({ value }) => String(value).replace('e', '.0e'),
};
