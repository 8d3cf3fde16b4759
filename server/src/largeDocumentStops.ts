/**
 * When the server stops the thread serving documents over the size limit in the middle of a whole parse, and sends what
 * waits to a new one (largeDocumentHost.ts). Stopping has costs of its own: the new thread holds no parse of any
 * document, and the parse stopped, even of a version already edited, is the base the next versions of its document are
 * parsed from by parts, in milliseconds. So a parse is stopped only when its version is stale, what waits behind it
 * gains nothing from it, and by the estimate it would keep them waiting longer than starting over costs.
 */

export interface StopPolicy {
  /** A parse younger than this is left to run: versions come faster than a large one parses while someone types. */
  stopAfterMs: number;
  /** A parse that should end within this is left to end. */
  nearEndMs: number;
  /** What a new thread costs before it parses anything (loading its bundle). */
  threadStartMs: number;
}

export const STOP_POLICY: StopPolicy = { stopAfterMs: 1000, nearEndMs: 500, threadStartMs: 300 };

const MB = 1024 * 1024;

/** About twice what a parse of a large definition takes on a laptop: stopping on a guess is the costly mistake. */
const DEFAULT_MS_PER_MB = 150;

/** How long a whole parse takes for its length, as the thread last measured one. */
export class ParseRate {
  private msPerChar = DEFAULT_MS_PER_MB / MB;

  /** A short parse is dominated by fixed costs and says little of a long one. */
  learn(chars: number, ms: number): void {
    if (chars >= MB) this.msPerChar = ms / chars;
  }

  estimate(chars: number): number {
    return chars * this.msPerChar;
  }
}

/** A call the thread was sent and has not answered. */
export interface CallInFlight {
  id: number;
  uri: string;
  version: number;
  /** Running it again is not the same (an invocation that reached a backend): the thread must not stop under it. */
  once: boolean;
}

/** What the thread said it is parsing, and when the server heard it. */
export interface ParseUnderWay {
  uri: string;
  version: number;
  chars: number;
  since: number;
  /** Calls up to this id reached the thread before the parse began; later ones wait unstarted. */
  received: number;
}

export interface ThreadState {
  parse: ParseUnderWay;
  calls: CallInFlight[];
  /** A later version of the parse's document exists, or it was closed. */
  superseded: boolean;
  /** The thread's next version of `uri` comes as edits from `version`, and so is parsed by parts from its parse. */
  buildsOn(uri: string, version: number): boolean;
  /** The length of `uri`'s text the thread has parsed whole, which a new thread would parse again; else undefined. */
  parsedChars(uri: string): number | undefined;
  /** The thread replaced a stopped one and has not finished a parse yet: stopping it again could go on for ever. */
  fresh: boolean;
}

export type StopVerdict = { stop: true } | { stop: false; recheckAt?: number };

export function weighStop(state: ThreadState, now: number, rate: ParseRate, policy: StopPolicy = STOP_POLICY): StopVerdict {
  const { parse, calls } = state;
  if (state.fresh || !state.superseded) return { stop: false };
  // The calls the thread had begun before the parse: stopping must throw away no one else's work under way.
  const started = calls.filter((call) => call.id <= parse.received);
  if (started.some((call) => call.uri !== parse.uri)) return { stop: false };
  // Nor one that must not run twice, started or not: the thread may have begun it after the parse ended, before the
  // server heard that it did.
  if (calls.some((call) => call.once)) return { stop: false };
  const waiting = calls.filter((call) => call.id > parse.received);
  if (!waiting.length) return { stop: false };
  if (waiting.some((call) => call.uri === parse.uri && call.version > parse.version && state.buildsOn(parse.uri, parse.version))) return { stop: false };
  const elapsed = now - parse.since;
  if (elapsed < policy.stopAfterMs) return { stop: false, recheckAt: parse.since + policy.stopAfterMs };
  const remaining = rate.estimate(parse.chars) - elapsed;
  let lostChars = 0;
  for (const uri of new Set(waiting.map((call) => call.uri))) if (uri !== parse.uri) lostChars += state.parsedChars(uri) ?? 0;
  if (remaining < rate.estimate(lostChars) + policy.threadStartMs + policy.nearEndMs) return { stop: false };
  return { stop: true };
}
