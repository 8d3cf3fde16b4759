/** Cancels one request; `vscode.CancellationTokenSource` in the extension. */
export interface CancellationSource<Token> {
  readonly token: Token;
  cancel(): void;
  dispose(): void;
}

/**
 * Requests of which only the latest answer counts, as the evaluation asked for after every edit: sending one cancels
 * the one still under way, which the server then leaves unrun if it has not started it, and drops that one's answer or
 * failure, which would otherwise overwrite the newer one's when it arrives later.
 */
export class LatestRequest<Token> {
  private current: CancellationSource<Token> | undefined;

  constructor(private readonly createSource: () => CancellationSource<Token>) {}

  /** The answer of `send`, given a token to pass on with the request; undefined once a later request replaced it. */
  async send<T>(send: (token: Token) => Thenable<T>): Promise<{ value: T } | undefined> {
    this.current?.cancel();
    const source = this.createSource();
    this.current = source;
    try {
      const value = await send(source.token);
      return this.current === source ? { value } : undefined;
    } catch (error) {
      if (this.current !== source) return undefined;
      throw error;
    } finally {
      if (this.current === source) this.current = undefined;
      source.dispose();
    }
  }

  /** Cancels the request under way, whose answer nothing waits for any more (its panel was closed). */
  cancel(): void {
    this.current?.cancel();
    this.current = undefined;
  }
}
