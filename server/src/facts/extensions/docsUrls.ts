/** Pages of the API Gateway developer guide that describe each extension (names as AWS spells them, not uniform). */
const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const guidePage = (page: string): string => `${GUIDE}/${page}.html`;
export const extensionPage = (suffix: string): string => guidePage(`api-gateway-swagger-extensions-${suffix}`);

export const REQUEST_RESPONSE_MAPPING_URL = guidePage('request-response-data-mappings');
export const HTTP_PARAMETER_MAPPING_URL = guidePage('http-api-parameter-mapping');
export const STAGE_VARIABLES_URL = guidePage('aws-api-gateway-stage-variables-reference');
export const KNOWN_ISSUES_URL = guidePage('api-gateway-known-issues');
export const HTTP_API_OPENAPI_URL = guidePage('http-api-open-api');
export const LIMITS_URL = guidePage('limits');
