import type { ExtensionSpec } from '../extensionTypes';
import { extensionPage, guidePage } from './docsUrls';
import { COGNITO_USER_POOL_ARN, IAM_ROLE_ARN, LAMBDA_INVOCATION_URI } from './arnPatterns';
import { IDENTITY_SOURCE_FORMS } from '../identitySources';

export const AUTHORIZER_TYPES = ['token', 'request', 'cognito_user_pools', 'jwt'];

export const SECURITY_EXTENSIONS: ExtensionSpec[] = [
  {
    name: 'x-amazon-apigateway-authorizer',
    summary: 'A Lambda, Cognito or JWT authorizer behind this security scheme',
    doc: '**An authorizer.** Turns this security scheme into a Lambda authorizer (`token`/`request`), an Amazon Cognito user pool authorizer (REST) or a JWT authorizer (HTTP APIs). REST APIs need the scheme to be `type: apiKey` with `in: header`.',
    type: 'object',
    placements: ['securityScheme'],
    dialects: ['rest', 'http'],
    docsUrl: extensionPage('authorizer'),
    additionalFields: false,
    fields: [
      {
        name: 'type',
        type: 'string',
        required: true,
        doc: 'The kind of authorizer. Case-insensitive.',
        enum: AUTHORIZER_TYPES,
        caseInsensitive: true,
        enumDialects: { token: ['rest'], cognito_user_pools: ['rest'], jwt: ['http'] },
        enumDialectAdvice: {
          jwt: 'JWT authorizers exist only in HTTP APIs; this definition is read as a REST API, where this authorizer cannot work. Import the definition as an HTTP API, or use a `cognito_user_pools` or Lambda (`token`, `request`) authorizer.',
        },
        enumDocs: {
          token: 'REST: a Lambda function receives the token from the header named by the security scheme.',
          request: 'A Lambda function receives the request parameters listed in `identitySource`.',
          cognito_user_pools: 'REST: tokens are checked against the Amazon Cognito user pools in `providerARNs`.',
          jwt: 'HTTP APIs: JSON Web Tokens are checked against `jwtConfiguration`.',
        },
      },
      {
        name: 'authorizerUri',
        forTypes: ['token', 'request'],
        type: 'string',
        doc: 'The Lambda function\'s invocation URI: `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`.',
        pattern: LAMBDA_INVOCATION_URI,
        patternMessage: 'a Lambda invocation URI (`arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations`); a bare function ARN is not enough',
        patternCode: 'invalid-arn',
      },
      {
        name: 'authorizerCredentials',
        forTypes: ['token', 'request'],
        type: 'string',
        doc: 'The IAM role API Gateway assumes to invoke the authorizer function.',
        // Empty means none: tools that write every field (Pulumi) leave it so.
        pattern: `${IAM_ROLE_ARN}|^$`,
        patternMessage: 'an IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME`)',
        patternCode: 'invalid-arn',
      },
      {
        name: 'identitySource',
        type: 'string',
        doc: `Comma-separated request values the authorizer needs; requests missing one are rejected with 401 before the function runs. REST: ${IDENTITY_SOURCE_FORMS.rest}. HTTP APIs: ${IDENTITY_SOURCE_FORMS.http}.`,
        examples: ['method.request.header.Authorization', '$request.header.Authorization'],
        exampleDialects: { 'method.request.header.Authorization': ['rest'], '$request.header.Authorization': ['http'] },
      },
      {
        name: 'identityValidationExpression',
        forTypes: ['token'],
        type: 'string',
        dialects: ['rest'],
        doc: 'REST `token` authorizers: a Java regular expression the token must match, or the request is refused with 401 without calling the function.',
        // Nothing documents the import or CreateAuthorizer refusing a pattern Java cannot compile; the token check
        // then has nothing to match with.
        javaRegexCode: 'invalid-identity-validation-expression',
      },
      {
        name: 'authorizerResultTtlInSeconds',
        // JWT authorizers cache nothing: the apigatewayv2 reference has the TTL for Lambda authorizers only.
        forTypes: ['token', 'request', 'cognito_user_pools'],
        forTypesIn: { http: ['request'] },
        type: ['integer', 'string'],
        doc: 'How long the authorizer\'s decision is cached, 0 (no caching) to 3600 seconds.',
        minimum: 0,
        maximum: 3600,
        examples: [300],
      },
      {
        name: 'authorizerPayloadFormatVersion',
        forTypes: ['request'],
        type: ['string', 'number'],
        dialects: ['http'],
        doc: 'HTTP API Lambda authorizers: the format of the event sent to the function and of the response expected. AWS requires it of authorizers created with the CLI, CloudFormation or an SDK.',
        enum: ['1.0', '2.0'],
      },
      {
        name: 'enableSimpleResponses',
        forTypes: ['request'],
        type: 'boolean',
        dialects: ['http'],
        doc: 'HTTP API Lambda authorizers with payload format 2.0: the function may answer with `{"isAuthorized": true|false}` instead of an IAM policy.',
      },
      {
        name: 'jwtConfiguration',
        forTypes: ['jwt'],
        type: 'object',
        dialects: ['http'],
        doc: 'HTTP API JWT authorizers: who issues the tokens and which audiences are accepted.',
        docsUrl: guidePage('http-api-jwt-authorizer'),
        additionalFields: false,
        fields: [
          { name: 'issuer', type: 'string', doc: 'The token issuer URL (`iss`); may be taken from an `openIdConnectUrl` scheme.' },
          { name: 'audience', type: 'array', doc: 'Accepted audiences (`aud` or `client_id`).', items: { type: 'string', doc: 'An audience.' } },
        ],
      },
      {
        name: 'providerARNs',
        forTypes: ['cognito_user_pools'],
        type: 'array',
        dialects: ['rest'],
        doc: 'REST `cognito_user_pools` authorizers: the ARNs of the user pools.',
        items: {
          type: 'string',
          doc: 'A user pool ARN: `arn:aws:cognito-idp:{region}:{account}:userpool/{id}`.',
          pattern: COGNITO_USER_POOL_ARN,
          patternMessage: 'a user pool ARN (`arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID`)',
          patternCode: 'invalid-arn',
        },
      },
    ],
  },
  {
    name: 'x-amazon-apigateway-authtype',
    summary: 'The authorization type shown for this security scheme',
    doc: '**Authorization type of an `apiKey` security scheme.** Free text such as `oauth2` or `custom` for Lambda authorizers. `awsSigv4` means IAM (Signature Version 4) authorization; other values starting with `aws` are reserved.',
    type: 'string',
    placements: ['securityScheme'],
    dialects: ['rest', 'http'],
    docsUrl: extensionPage('authtype'),
    examples: ['awsSigv4', 'oauth2', 'custom', 'cognito_user_pools'],
  },
  {
    name: 'x-amazon-apigateway-auth',
    summary: 'The authorization of this method (NONE or AWS_IAM)',
    doc: '**Authorization of this method** when no security scheme is used.',
    type: 'object',
    placements: ['operation'],
    dialects: ['rest', 'http'],
    docsUrl: extensionPage('auth'),
    additionalFields: false,
    fields: [
      {
        name: 'type',
        type: 'string',
        required: true,
        doc: 'Case-insensitive.',
        enum: ['NONE', 'AWS_IAM'],
        caseInsensitive: true,
        enumDocs: { NONE: 'Open access.', AWS_IAM: 'Callers sign requests with IAM credentials (Signature Version 4).' },
      },
    ],
  },
];
