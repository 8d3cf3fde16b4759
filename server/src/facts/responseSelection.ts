/** An integration response key worth starting from, and what it catches. */
export interface ResponseKeyExample {
  key: string;
  catches: string;
}

/**
 * What a REST integration's response keys (Java regular expressions, or `default`) are matched against, which
 * depends on the backend (api-gateway-swagger-extensions-integration-responses, handle-errors-in-lambda-integration).
 */
export interface ResponseSelection {
  matchedAgainst: string;
  examples: ResponseKeyExample[];
}

/** HTTP backends, MOCK integrations and AWS services other than Lambda: the status code of their response. */
export const STATUS_CODE_SELECTION: ResponseSelection = {
  matchedAgainst: 'the status code of the integration response',
  examples: [
    { key: 'default', catches: 'Any status code no other key matches' },
    { key: '2\\d{2}', catches: 'Status codes 200 to 299' },
    { key: '4\\d{2}', catches: 'Status codes 400 to 499' },
    { key: '5\\d{2}', catches: 'Status codes 500 to 599' },
  ],
};

/**
 * A Lambda function behind a custom (AWS) integration: the `errorMessage` of the error it raised. A successful call has
 * no message, so only `default` (or a pattern that also matches an empty one, such as `.*`) catches it.
 */
export const LAMBDA_ERROR_SELECTION: ResponseSelection = {
  matchedAgainst: "the Lambda function's errorMessage",
  examples: [
    { key: 'default', catches: 'Successful calls, and errors no other key matches' },
    { key: '.*Error.*', catches: 'Errors whose errorMessage contains "Error"' },
    { key: '.+', catches: 'Every error: a successful call has no errorMessage' },
  ],
};

/** What `default` catches where the backend is not known yet. */
export const DEFAULT_CATCHES_EITHER = 'What no other key matches, and successful Lambda calls';

/** The keys of both kinds, each once, for an integration whose backend is not known yet. */
export const RESPONSE_KEY_EXAMPLES: string[] = [...new Set([STATUS_CODE_SELECTION, LAMBDA_ERROR_SELECTION].flatMap((s) => s.examples.map((e) => e.key)))];
