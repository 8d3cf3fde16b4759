export class JavaRegexError extends Error {
  constructor(
    message: string,
    /** Java's own wording, without the pattern, e.g. `Illegal repetition near index 0`. */
    readonly description: string = message,
    /** True when Java accepts the pattern but the simulator cannot run it faithfully. */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

export function syntaxError(description: string, index: number, pattern: string): JavaRegexError {
  const where = `${description} near index ${index}`;
  return new JavaRegexError(`Invalid regular expression ${pattern}: ${where}`, where);
}

export function unsupportedError(description: string, index: number, pattern: string): JavaRegexError {
  const where = `${description} near index ${index}`;
  return new JavaRegexError(`Unsupported regular expression ${pattern}: ${where} (valid in Java, but the simulator cannot run it exactly)`, where, true);
}

/**
 * A match of a pattern that can backtrack exponentially did not end within its budget: Java, backtracking through the
 * same tries, would still be at it. Not a JavaRegexError: the pattern is valid and the failure is one of time.
 */
export class BacktrackingLimit extends Error {
  constructor(
    readonly pattern: string,
    /** The repetition that can match the same text in exponentially many ways, e.g. `([a-z0-9]+-?)+`. */
    readonly fragment: string,
    readonly textLength: number,
    readonly steps: number,
  ) {
    super(`Regular expression ${pattern} did not finish on a text of ${textLength} characters within ${steps} steps`);
  }
}
