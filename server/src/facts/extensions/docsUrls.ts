/** Pages of the API Gateway developer guide that describe each extension (names as AWS spells them, not uniform). */
const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const guidePage = (page: string): string => `${GUIDE}/${page}.html`;
export const extensionPage = (suffix: string): string => guidePage(`api-gateway-swagger-extensions-${suffix}`);

export const REQUEST_RESPONSE_MAPPING_URL = guidePage('request-response-data-mappings');
