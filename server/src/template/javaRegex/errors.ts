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
