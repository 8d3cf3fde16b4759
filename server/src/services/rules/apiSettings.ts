import { getProperty, getValue, toValue } from '../../model/navigate';
import type { ObjectNode } from '../../model/nodes';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString } from './integrations';
import { keyOf } from '../../model/property';

/** Resource policy size quota (limits: 8192 characters). */
const MAX_POLICY_LENGTH = 8192;

/**
 * Root settings that depend on each other: enhanced security policies need an access mode; CORS credentials need
 * named origins; the policy size quota.
 */
export const apiSettingsRule: Rule = (context) => {
  const root = context.document.root;
  const policyName = getValue(root, 'x-amazon-apigateway-security-policy');
  const name = checkableString(policyName);
  if (name?.startsWith('SecurityPolicy_') && getValue(root, 'x-amazon-apigateway-endpoint-access-mode') === undefined) {
    context.report(policyName!, 'security-policy-needs-access-mode', `The enhanced security policy "${name}" requires \`x-amazon-apigateway-endpoint-access-mode\` (\`STRICT\` or \`BASIC\`) at the root.`);
  }
  const cors = getValue(root, 'x-amazon-apigateway-cors');
  if (cors?.type === 'object' && context.dialect === 'http') checkCorsCredentials(context, cors);
  const policy = getProperty(root, 'x-amazon-apigateway-policy');
  if (policy?.value?.type === 'object') {
    const length = JSON.stringify(toValue(policy.value)).length;
    if (length > MAX_POLICY_LENGTH) {
      context.report(keyOf(policy), 'policy-too-long', `The resource policy is ${length} characters long as JSON; API Gateway accepts at most ${MAX_POLICY_LENGTH}.`);
    }
  }
};

/** Browsers refuse credentialed responses to any origin, and API Gateway refuses the configuration outright (400). */
function checkCorsCredentials(context: ValidationContext, cors: ObjectNode): void {
  const credentials = getValue(cors, 'allowCredentials');
  if (credentials?.type !== 'boolean' || credentials.value !== true) return;
  const origins = getValue(cors, 'allowOrigins');
  if (origins?.type !== 'array') return;
  for (const origin of origins.items) {
    if (checkableString(origin) !== '*') continue;
    context.report(origin, 'cors-credentials-with-any-origin', 'API Gateway rejects `allowCredentials: true` together with the origin `*` ("allow-credentials is not supported if \'allow-origin\' is *"); list the allowed origins, or set `allowCredentials: false`.');
  }
}
