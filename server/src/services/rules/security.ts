import { getProperty, getValue, keyName } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { requiredSchemes, securitySchemes } from '../../model/openapiWalk';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, listOperations, type OperationSite } from './integrations';
import { isUnprocessed } from './unprocessedValues';
import { keyOf } from '../../model/property';
import { AUTHORIZER_TYPES } from '../../facts/extensions/security';
import { fieldAppliesTo, fieldOf, fieldReadByType, getExtension } from '../../facts/extensions';
import { HTTP_IDENTITY_SOURCE, httpIdentitySource, IDENTITY_SOURCE_FORMS, identitySourceList, isIdentitySource, isRestHeaderSource, isTokenSource, restIdentitySource, rewriteIdentitySources } from '../../facts/identitySources';

const AUTHORIZER_SPEC = getExtension('x-amazon-apigateway-authorizer')!;

/** Default quota of authorizers per API (limits). */
const MAX_AUTHORIZERS = 10;

/**
 * Authorizers and security requirements: the scheme shapes AWS accepts, the fields each authorizer type needs or
 * ignores, identity sources, reserved authtype values, requirements naming defined schemes, and HTTP APIs' single
 * requirement per operation.
 */
export const securityRule: Rule = (context) => {
  const schemes = securitySchemes(context.document);
  let authorizers = 0;
  if (schemes) {
    for (const scheme of schemes.properties) {
      if (scheme.value?.type !== 'object') continue;
      checkAuthtype(context, scheme.value);
      const authorizer = getValue(scheme.value, 'x-amazon-apigateway-authorizer');
      if (authorizer?.type !== 'object') continue;
      authorizers++;
      checkAuthorizer(context, scheme, scheme.value, authorizer);
    }
    if (authorizers > MAX_AUTHORIZERS) {
      const anchor = schemes.parent?.type === 'property' ? keyOf(schemes.parent) : schemes;
      context.report(anchor, 'too-many-authorizers', `${authorizers} authorizers are defined; an API may have ${MAX_AUTHORIZERS} unless the quota is raised.`);
    }
  }
  const names = new Set(schemes ? schemes.properties.map(keyName) : []);
  const rootSecurity = getProperty(context.document.root, 'security');
  checkRequirements(context, rootSecurity, names, false);
  for (const op of listOperations(context.document)) {
    checkRequirements(context, op.securityProperty, names, true);
    checkPreflight(context, op, rootSecurity, schemes);
  }
};

/**
 * Browsers send a CORS preflight without the request's credentials or API key, so an OPTIONS method that requires
 * either answers the preflight with 401 or 403, and the browser then blocks the request it asked about. The root
 * `security` counts for an OPTIONS method without its own: the import applies it to such operations (LocalStack's
 * imports recorded against AWS).
 */
function checkPreflight(context: ValidationContext, op: OperationSite, rootSecurity: PropertyNode | undefined, definitions: ObjectNode | undefined): void {
  if (context.dialect !== 'rest' || op.method !== 'OPTIONS') return;
  const authProperty = getProperty(op.operation, 'x-amazon-apigateway-auth');
  const iam = checkableString(getValue(authProperty?.value, 'type'))?.toUpperCase() === 'AWS_IAM';
  const inherited = !op.securityProperty;
  const schemes = requiredSchemes((op.securityProperty ?? rootSecurity)?.value);
  for (let i = schemes.length - 1; i >= 0; i--) if (!preflightLacksIdentity(definitions, schemes[i])) schemes.splice(i, 1);
  if (!iam && !schemes.length) return;
  const what = iam
    ? 'IAM authorization'
    : `the security scheme${schemes.length > 1 ? 's' : ''} ${schemes.map((n) => `"${n}"`).join(', ')}${inherited ? ' of the root-level `security`' : ''}`;
  const anchor = iam ? keyOf(authProperty!) : inherited ? keyOf(op.methodProperty) : keyOf(op.securityProperty!);
  context.report(anchor, 'preflight-requires-authorization',
    `OPTIONS ${op.path} requires ${what}; browsers send CORS preflight requests without credentials or API keys, so the preflight fails with 401 or 403 and the browser blocks the request it precedes. Leave OPTIONS open (\`security: []\`${iam ? ' and no `x-amazon-apigateway-auth`' : ''}).`);
}

/**
 * Whether a preflight request cannot carry what the scheme checks. It is sent to the same URL, query string included,
 * but without the request's own headers: a request authorizer that reads only query string parameters, stage or
 * context variables receives them and answers as its function decides. Header-borne identities (tokens, API keys,
 * Cognito tokens, IAM signatures) are missing. An undefined scheme, which has a finding of its own, counts as missing.
 */
function preflightLacksIdentity(definitions: ObjectNode | undefined, name: string): boolean {
  const authorizer = getValue(getValue(definitions, name), 'x-amazon-apigateway-authorizer');
  if (authorizer?.type !== 'object' || checkableString(getValue(authorizer, 'type'))?.toLowerCase() !== 'request') return true;
  const sources = identitySourceList(checkableString(getValue(authorizer, 'identitySource')) ?? '');
  for (let i = 0; i < sources.length; i++) if (isRestHeaderSource(sources[i])) return true;
  return false;
}

function checkAuthtype(context: ValidationContext, scheme: ObjectNode): void {
  const node = getValue(scheme, 'x-amazon-apigateway-authtype');
  const value = checkableString(node);
  if (value && value !== 'awsSigv4' && /^aws/i.test(value)) {
    context.report(node!, 'reserved-authtype', `"${value}" starts with "aws", which API Gateway reserves; use \`awsSigv4\` for IAM authorization or another name for custom authorization.`);
  }
}

function checkAuthorizer(context: ValidationContext, scheme: PropertyNode, schemeObject: ObjectNode, authorizer: ObjectNode): void {
  const type = checkableString(getValue(authorizer, 'type'))?.toLowerCase();
  // A type that is none of the types has its own error; what would follow from it would only add noise.
  if (!type || !AUTHORIZER_TYPES.includes(type)) return;
  const rest = context.dialect === 'rest';
  // The type's own finding says JWT authorizers exist only in HTTP APIs (the catalog's advice); nothing else about one
  // matters in a REST API: its scheme, fields and identity sources are HTTP API ones.
  if (rest && type === 'jwt') return;
  const schemeType = checkableString(getValue(schemeObject, 'type'));
  const location = checkableString(getValue(schemeObject, 'in'));
  // Request authorizers read their identity sources, so AWS-imported definitions put them `in: query` as well.
  const needsHeader = type === 'token' || type === 'cognito_user_pools';
  if (rest && (schemeType !== 'apiKey' || (needsHeader && location !== 'header'))) {
    const anchor = getValue(schemeObject, schemeType !== 'apiKey' ? 'type' : 'in') ?? keyOf(scheme);
    context.report(anchor, 'invalid-authorizer-scheme', `A REST API ${type} authorizer needs a security scheme with \`type: apiKey\`${needsHeader ? ' and `in: header`' : ''}; "${keyName(scheme)}" has type "${schemeType ?? ''}"${location ? ` and in "${location}"` : ''}.`);
  }
  for (const field of authorizer.properties) {
    const name = keyName(field);
    // A field of the other dialect has its own finding (dialect-mismatch).
    const spec = fieldOf(AUTHORIZER_SPEC, name);
    if (spec && !fieldAppliesTo(spec, context.dialect)) continue;
    if (spec && !fieldReadByType(spec, type, context.dialect)) {
      const readers = spec.forTypesIn?.[context.dialect] ?? spec.forTypes!;
      context.report(keyOf(field), 'authorizer-field-not-applicable', `\`${name}\` is ignored by ${type} authorizers; it applies to ${readers.join(' and ')} authorizers.`, { unnecessary: true });
    }
  }
  const missing = (field: string, why: string) => {
    if (getValue(authorizer, field) === undefined) context.report(keyOf(getProperty(authorizer, 'type')!), 'missing-authorizer-field', `A ${type} authorizer needs \`${field}\`: ${why}.`);
  };
  if (type === 'token' || type === 'request') missing('authorizerUri', 'the invocation URI of its Lambda function');
  if (type === 'cognito_user_pools') missing('providerARNs', 'the ARNs of the Cognito user pools');
  if (type === 'jwt') missing('jwtConfiguration', 'the token issuer and audiences');
  // Cached results are keyed by the identity sources; REST authorizers cache for 300 seconds unless told otherwise.
  const ttl = getValue(authorizer, 'authorizerResultTtlInSeconds');
  const ttlValue = ttl?.type === 'number' || ttl?.type === 'string' ? Number(ttl.value) : undefined;
  const caches = ttl === undefined ? rest : ttlValue !== undefined && ttlValue > 0;
  const identity = getValue(authorizer, 'identitySource');
  if (type === 'request' && caches && !checkableString(identity) && !isUnprocessed(identity)) {
    const why = ttl === undefined ? 'it caches results for 300 seconds by default' : `it caches results for ${ttlValue} seconds`;
    context.report(keyOf(getProperty(authorizer, 'type')!), 'missing-authorizer-field', `A request authorizer that caches needs \`identitySource\`, which keys its cache: ${why}. Name the identity sources, or set \`authorizerResultTtlInSeconds: 0\`.`);
  }
  if (type === 'jwt') checkJwtConfiguration(context, schemeObject, authorizer);
  const simple = getProperty(authorizer, 'enableSimpleResponses');
  const version = getValue(authorizer, 'authorizerPayloadFormatVersion');
  // `1.0` unquoted is the number 1 in YAML.
  const versionOne = version?.type === 'string' ? version.value === '1.0' : version?.type === 'number' && version.value === 1;
  if (!rest && versionOne && simple?.value?.type === 'boolean' && simple.value.value === true) {
    context.report(keyOf(simple), 'authorizer-field-not-applicable', '`enableSimpleResponses` applies only to authorizers with `authorizerPayloadFormatVersion` "2.0"; a 1.0 authorizer must return an IAM policy.');
  }
  // The import takes a Lambda authorizer without it (LocalStack's HTTP API fixture has none), but AWS documents it as
  // required whenever the authorizer is created through the CLI, CloudFormation or an SDK.
  if (!rest && type === 'request' && version === undefined && !isUnprocessed(authorizer)) {
    const simpleToo = simple?.value?.type === 'boolean' && simple.value.value === true ? ' `enableSimpleResponses` also needs "2.0".' : '';
    context.report(keyOf(getProperty(authorizer, 'type')!), 'missing-authorizer-field', `An HTTP API Lambda authorizer needs \`authorizerPayloadFormatVersion\` ("1.0" or "2.0"), the format of the event it receives and of the answer it gives: AWS requires it of authorizers created with the CLI, CloudFormation or an SDK.${simpleToo}`, { severity: 'warning' });
  }
  checkIdentitySource(context, scheme, authorizer, type);
}

function checkJwtConfiguration(context: ValidationContext, schemeObject: ObjectNode, authorizer: ObjectNode): void {
  const property = getProperty(authorizer, 'jwtConfiguration');
  const jwt = property?.value;
  if (jwt?.type !== 'object') return;
  // The issuer may be left out only where the scheme's OpenID Connect URL names it.
  if (getValue(jwt, 'issuer') === undefined && checkableString(getValue(schemeObject, 'type')) !== 'openIdConnect') {
    context.report(keyOf(property!), 'missing-authorizer-field', 'A JWT authorizer needs `jwtConfiguration.issuer` unless its security scheme is `type: openIdConnect`, whose `openIdConnectUrl` names the issuer.');
  }
  // The import takes it, but at run time a token passes only if its `aud` (or `client_id`) is one of the list's.
  const audience = getProperty(jwt, 'audience');
  const list = audience?.value;
  if (audience && (list?.type !== 'array' || list.items.length > 0 || isUnprocessed(list))) return;
  const problem = audience ? 'an empty `jwtConfiguration.audience`' : 'no `jwtConfiguration.audience`';
  context.report(keyOf(audience ?? property!), 'missing-authorizer-field', `A JWT authorizer with ${problem} rejects every token: a token passes only when its \`aud\` or \`client_id\` claim matches an entry of that list. List the audiences (for Amazon Cognito, the app client IDs).`, { severity: 'warning' });
}

function checkIdentitySource(context: ValidationContext, scheme: PropertyNode, authorizer: ObjectNode, type: string): void {
  const node = getValue(authorizer, 'identitySource');
  const value = checkableString(node);
  // Left empty, AWS uses the header named by the security scheme.
  if (!node || !value) return;
  const sources = identitySourceList(value);
  // HTTP API definitions written with the REST spelling are taken as they are (LocalStack's HTTP API fixture uses it,
  // though that file is not recorded as imported into AWS); the HTTP API spelling is suggested.
  for (const source of sources) {
    if (!isIdentitySource(source, context.dialect)) {
      // Sources a REST API has written the HTTP API way mean the same written the REST way; for a token authorizer,
      // only when that is the one header it reads, or its own finding would follow.
      const rest = context.dialect === 'rest' ? rewriteIdentitySources(value, restIdentitySource) : undefined;
      const oneHeader = (sources: string[]) => sources.length === 1 && isTokenSource(sources[0], 'rest');
      const expected = rest !== undefined && (type !== 'token' || oneHeader(identitySourceList(rest))) ? rest : undefined;
      const written = expected === undefined ? '' : ` Written the REST API way: \`${expected}\`.`;
      context.report(node, 'invalid-identity-source', `"${source}" is not an identity source; expected ${IDENTITY_SOURCE_FORMS[context.dialect]}, separated by commas.${written}`, expected === undefined ? undefined : { data: { expected } });
      return;
    }
  }
  // A JWT authorizer's own finding below already names the form it needs.
  if (context.dialect === 'http' && type !== 'jwt' && sources.some((source) => !HTTP_IDENTITY_SOURCE.test(source))) {
    const expected = sources.map(httpIdentitySource).join(', ');
    context.report(node, 'dialect-mismatch', `"${value}" is written the REST API way; HTTP APIs write identity sources as \`${expected}\`.`, { severity: 'hint', data: { expected: rewriteIdentitySources(value, httpIdentitySource) } });
  }
  if (type === 'jwt' && (sources.length !== 1 || !isTokenSource(sources[0], 'http'))) {
    // One header or query string parameter written the REST API way is that same one.
    const expected = sources.length === 1 && isTokenSource(httpIdentitySource(sources[0]), 'http') ? rewriteIdentitySources(value, httpIdentitySource) : undefined;
    context.report(node, 'invalid-identity-source', `A JWT authorizer reads its token from one header or query string parameter (\`$request.header.NAME\` or \`$request.querystring.NAME\`), not "${value}".`, expected === undefined ? undefined : { data: { expected } });
  }
  if (context.dialect === 'rest' && type === 'token' && (sources.length !== 1 || !isTokenSource(sources[0], 'rest'))) {
    context.report(node, 'invalid-identity-source', `A token authorizer reads one header: \`method.request.header.NAME\`, not "${value}".`);
  }
  if (context.dialect === 'rest' && type === 'request' && sources.length > 1) {
    const name = checkableString(getValue(scheme.value, 'name'));
    if (name !== 'Unused') {
      // The replacing fix is offered only on the `name` value: on the scheme's key it would rename the scheme.
      const nameNode = getValue(scheme.value, 'name');
      context.report(nameNode ?? keyOf(scheme), 'invalid-authorizer-scheme', `A request authorizer with several identity sources needs its security scheme's \`name\` to be "Unused"${name ? `, not "${name}"` : ''}.`, nameNode ? { data: { expected: 'Unused' } } : undefined);
    }
    const location = getValue(scheme.value, 'in');
    const where = checkableString(location);
    if (location && where !== undefined && where !== 'header') {
      context.report(location, 'invalid-authorizer-scheme', `A request authorizer with several identity sources needs its security scheme \`in: header\`, not "${where}".`, { data: { expected: 'header' } });
    }
  }
}

function checkRequirements(context: ValidationContext, property: PropertyNode | undefined, names: Set<string>, onOperation: boolean): void {
  const list: ValueNode | undefined = property?.value;
  if (list?.type !== 'array') return;
  // The root list is what every operation without its own inherits.
  if (context.dialect === 'http' && list.items.length > 1) {
    const which = onOperation ? 'this one lists' : 'the root list, which operations without their own inherit, has';
    context.report(keyOf(property!), 'multiple-security-requirements', `HTTP API operations may carry only one security requirement; ${which} ${list.items.length}.`);
  }
  for (const requirement of list.items) {
    if (requirement.type !== 'object') continue;
    for (const p of requirement.properties) {
      const name = keyName(p);
      if (!names.has(name)) {
        const where = context.document.kind === 'swagger' ? '`securityDefinitions`' : '`components.securitySchemes`';
        const defined = names.size ? ` (defined: ${[...names].map((n) => `"${n}"`).join(', ')})` : '';
        context.report(keyOf(p), 'unknown-security-scheme', `Security scheme "${name}" is not defined in ${where}${defined}; OpenAPI requires each name in a security requirement to be defined there. Define it, or remove it from the requirement.`);
      }
    }
  }
}
