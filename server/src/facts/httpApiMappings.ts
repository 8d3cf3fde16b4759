import { guidePage } from './extensions/docsUrls';

export const HTTP_PARAMETER_MAPPING_URL = guidePage('http-api-parameter-mapping');

/**
 * The value of an HTTP API `remove:` parameter mapping (http-api-parameter-mapping). API Gateway removes the header or
 * query string parameter the key names and reads nothing from the value, yet it does not take every value: the
 * guide's example that renames a request header removes the old one with `''`, and AWS refuses `""` there (LocalStack's
 * HTTP API integration tests, recorded against AWS). An empty value is no mapping at all: the guide deletes a
 * configured mapping by sending one, and a mapping created with one is left out.
 */
export const REMOVE_MAPPING_VALUE = "''";

/** What completion and hover say of the value of a `remove:` mapping. */
export const REMOVE_MAPPING_VALUE_DOC =
  "API Gateway reads nothing from the value of a `remove:` mapping, but it takes only some values: write `''` (two single " +
  'quotes), as the AWS examples do. It refuses `""`, and it takes an empty value for no mapping at all, so nothing is removed.';

