/**
 * Where the OpenAPI specification describes each object, by the name the official JSON Schema gives its definition:
 * completion links a field to the section of the object it belongs to.
 */
import type { OpenApiVersion } from './openapiSchemaSources';

/** Definition name → the object's anchor stem in the specification (`path-item` for the "Path Item Object"). */
const SECTIONS: Record<OpenApiVersion, Record<string, string>> = {
  '2.0': {
    '': 'swagger',
    info: 'info',
    contact: 'contact',
    license: 'license',
    paths: 'paths',
    pathItem: 'path-item',
    operation: 'operation',
    externalDocs: 'external-documentation',
    parameter: 'parameter',
    bodyParameter: 'parameter',
    headerParameterSubSchema: 'parameter',
    queryParameterSubSchema: 'parameter',
    formDataParameterSubSchema: 'parameter',
    pathParameterSubSchema: 'parameter',
    primitivesItems: 'items',
    responses: 'responses',
    response: 'response',
    header: 'header',
    tag: 'tag',
    schema: 'schema',
    fileSchema: 'schema',
    xml: 'xml',
    securityDefinitions: 'security-definitions',
    basicAuthenticationSecurity: 'security-scheme',
    apiKeySecurity: 'security-scheme',
    oauth2ImplicitSecurity: 'security-scheme',
    oauth2PasswordSecurity: 'security-scheme',
    oauth2ApplicationSecurity: 'security-scheme',
    oauth2AccessCodeSecurity: 'security-scheme',
    jsonReference: 'reference',
  },
  '3.0': {
    '': 'openapi',
    Info: 'info',
    Contact: 'contact',
    License: 'license',
    Server: 'server',
    ServerVariable: 'server-variable',
    Components: 'components',
    Paths: 'paths',
    PathItem: 'path-item',
    Operation: 'operation',
    ExternalDocumentation: 'external-documentation',
    Parameter: 'parameter',
    RequestBody: 'request-body',
    MediaType: 'media-type',
    Encoding: 'encoding',
    Responses: 'responses',
    Response: 'response',
    Callback: 'callback',
    Example: 'example',
    Link: 'link',
    Header: 'header',
    Tag: 'tag',
    Reference: 'reference',
    Schema: 'schema',
    Discriminator: 'discriminator',
    XML: 'xml',
    SecurityScheme: 'security-scheme',
    APIKeySecurityScheme: 'security-scheme',
    HTTPSecurityScheme: 'security-scheme',
    OAuth2SecurityScheme: 'security-scheme',
    OpenIdConnectSecurityScheme: 'security-scheme',
    OAuthFlows: 'oauth-flows',
    ImplicitOAuthFlow: 'oauth-flow',
    PasswordOAuthFlow: 'oauth-flow',
    ClientCredentialsFlow: 'oauth-flow',
    AuthorizationCodeOAuthFlow: 'oauth-flow',
  },
  // 3.1's definitions are named after the objects, mostly.
  '3.1': {
    '': 'openapi',
    'server-variable': 'server-variable',
    'path-item': 'path-item',
    'external-documentation': 'external-documentation',
    'request-body': 'request-body',
    'media-type': 'media-type',
    callbacks: 'callback',
    'security-scheme': 'security-scheme',
    'oauth-flows': 'oauth-flows',
    'security-requirement': 'security-requirement',
    ...Object.fromEntries(['info', 'contact', 'license', 'server', 'components', 'paths', 'operation', 'parameter', 'encoding', 'responses', 'response', 'example', 'link', 'header', 'tag', 'reference', 'schema'].map((n) => [n, n])),
  },
};

const BASE_URLS: Record<OpenApiVersion, string> = {
  '2.0': 'https://swagger.io/specification/v2/',
  '3.0': 'https://spec.openapis.org/oas/v3.0.3',
  '3.1': 'https://spec.openapis.org/oas/v3.1.0',
};

/** The object's title and the link to its section, for a definition of the version's schema; undefined if unknown. */
export function specSection(version: OpenApiVersion, definition: string): { title: string; url: string } | undefined {
  const stem = SECTIONS[version][definition];
  if (!stem) return undefined;
  const title = `${stem === 'openapi' ? 'OpenAPI' : stem === 'xml' ? 'XML' : stem.split('-').map((w) => (w === 'oauth' ? 'OAuth' : w[0].toUpperCase() + w.slice(1))).join(' ')} Object`;
  return { title, url: `${BASE_URLS[version]}#${stem}-object` };
}
