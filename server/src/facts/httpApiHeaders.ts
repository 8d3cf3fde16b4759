/**
 * Headers HTTP API parameter mappings may not set, append or remove, in requests and responses alike (API Gateway's
 * "reserved headers" of HTTP API parameter mapping).
 */
export const RESERVED_HTTP_HEADERS =
  /^(access-control-.*|apigw-.*|authorization|connection|content-encoding|content-length|content-location|forwarded|keep-alive|origin|proxy-authenticate|proxy-authorization|te|trailers|transfer-encoding|upgrade|x-amz-.*|x-amzn-.*|x-forwarded-for|x-forwarded-host|x-forwarded-proto|via)$/i;
