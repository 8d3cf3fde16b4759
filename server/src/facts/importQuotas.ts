/**
 * API Gateway's quotas on what an import may hold, read by the import checks, the deploy command and the test stand-in
 * for API Gateway alike.
 */

/**
 * A REST API definition may be at most 6 MB: "Maximum API definition file size when using restapi:import or
 * restapi:put" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html,
 * and the ImportRestApi reference). No size is documented for HTTP API imports: ImportApi and ReimportApi name none, and
 * the 10 MB "Payload size" of https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html is that
 * of requests to a deployed API. None is assumed.
 */
export const MAX_REST_IMPORT_BYTES = 6 * 1024 * 1024;

/** Resources (paths) per REST API. */
export const MAX_REST_RESOURCES = 300;
