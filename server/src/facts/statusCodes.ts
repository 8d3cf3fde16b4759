/**
 * A status code as REST APIs take it: three digits from 100 to 599. PutMethodResponse's `status_code` has this
 * pattern (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html), and integration and gateway
 * responses answer with such a code.
 */
export const STATUS_CODE_PATTERN = '^[1-5]\\d\\d$';
export const STATUS_CODE = new RegExp(STATUS_CODE_PATTERN);
