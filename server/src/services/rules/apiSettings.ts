import { getProperty, getValue, toValue } from '../../model/navigate';
import type { Rule } from '../validationTypes';
import { checkableString } from './integrations';
import { keyOf } from '../../model/property';

/** Resource policy size quota (limits: 8192 characters). */
const MAX_POLICY_LENGTH = 8192;

/** Root settings that depend on each other: enhanced security policies need an access mode; the policy size quota. */
export const apiSettingsRule: Rule = (context) => {
  const root = context.document.root;
  const policyName = getValue(root, 'x-amazon-apigateway-security-policy');
  const name = checkableString(policyName);
  if (name?.startsWith('SecurityPolicy_') && getValue(root, 'x-amazon-apigateway-endpoint-access-mode') === undefined) {
    context.report(policyName!, 'security-policy-needs-access-mode', `The enhanced security policy "${name}" requires \`x-amazon-apigateway-endpoint-access-mode\` (\`STRICT\` or \`BASIC\`) at the root.`);
  }
  const policy = getProperty(root, 'x-amazon-apigateway-policy');
  if (policy?.value?.type === 'object') {
    const length = JSON.stringify(toValue(policy.value)).length;
    if (length > MAX_POLICY_LENGTH) {
      context.report(keyOf(policy), 'policy-too-long', `The resource policy is ${length} characters long as JSON; API Gateway accepts at most ${MAX_POLICY_LENGTH}.`);
    }
  }
};
