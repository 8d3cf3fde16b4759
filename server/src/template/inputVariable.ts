/**
 * `$input`: the payload and the request parameters. The payload is parsed at most once per evaluation, and only
 * when a template reads it through `$input.path` or `$input.json`.
 *
 * Payload facts recorded against AWS (reference §3.6): an empty body reads as `{}`; a body that is not JSON
 * (`a=b`, `a{b`, `null{`) is a plain string; `{a` and `[a` make API Gateway answer 400 `Could not process payload`
 * with json-smart's ParseException text. All of these follow from json-smart's permissive mode (see javaJson.ts),
 * so the body goes to that reader as it is, and whatever it rejects is the 400.
 */
import { setOwn } from '../model/jsonObjects';
import { compileJsonPath, evaluateJsonPath, JsonPathSyntaxError, type CompiledPath } from './jsonPath';
import { jsonSmartText, JsonSmartParseException, parseJavaJson } from './javaJson';
import { JavaMethodError } from './javaMethods';
import { GatewayAbort } from './limits';
import { isRecordMap, orderedMapOf } from './javaMaps';
import { NO_SUCH_METHOD, TemplateHost, UncalledMember } from './javaValues';
import { headerValue, lastValues } from './parameterMaps';

export interface RequestParameters {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export class Payload {
  private parsed = false;
  private document: unknown;

  constructor(
    readonly raw: string,
    private readonly kind: 'request' | 'response',
  ) {}

  /** `$input.body`: the raw text, `{}` when empty. */
  get body(): string {
    return this.raw === '' ? '{}' : this.raw;
  }

  get value(): unknown {
    if (!this.parsed) {
      this.document = this.parse();
      this.parsed = true;
    }
    return this.document;
  }

  private parse(): unknown {
    // Recorded on AWS: an empty body reads as {} (a blank one is taken the same way; not recorded).
    if (this.raw.trim() === '') return new Map();
    try {
      return parseJavaJson(this.raw);
    } catch (error) {
      if (this.kind === 'response') {
        // The integration response cannot be transformed: API Gateway reports a configuration error to the client.
        throw new GatewayAbort(500, JSON.stringify({ message: 'Internal server error' }));
      }
      // Written as API Gateway writes it, with a space after the colon (recorded AWS output).
      throw new GatewayAbort(400, `{"message": ${JSON.stringify(`Could not process payload${describeParseError(error as Error)}`)}}`);
    }
  }
}

/** The exception text API Gateway appends: json-smart's ParseException, named with its Java class. */
function describeParseError(error: Error): string {
  return error instanceof JsonSmartParseException ? `net.minidev.json.parser.ParseException: ${error.message}` : error.message;
}

function compilePath(expression: unknown, method: string): CompiledPath {
  if (typeof expression !== 'string') throw new JavaMethodError(`$input.${method}() expects a JSONPath string`);
  try {
    return compileJsonPath(expression);
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) {
      throw new JavaMethodError(`Invalid JSONPath '${expression}' in $input.${method}(): ${error.message} (at character ${error.offset + 1})`);
    }
    throw error;
  }
}

/**
 * Whether `json(String)` and `path(String)` take the argument: a String, or null, which any parameter takes. Velocity
 * finds no method for a number, a list or any other value, and the call is null.
 */
function takesPath(argument: unknown): boolean {
  return typeof argument === 'string' || argument === undefined || argument === null;
}

export class InputVariable extends TemplateHost {
  constructor(
    private readonly payload: Payload,
    private readonly params: RequestParameters,
  ) {
    super();
  }

  property(name: string): unknown {
    if (name === 'body') return this.payload.body;
    if (name === 'json' || name === 'path' || name === 'params') return new UncalledMember();
    return undefined;
  }

  invoke(name: string, args: unknown[]): unknown {
    if ((name === 'json' || name === 'path') && args.length === 1 && !takesPath(args[0])) return NO_SUCH_METHOD;
    switch (`${name}/${args.length}`) {
      case 'json/1': {
        const result = evaluateJsonPath(compilePath(args[0], 'json'), this.payload.value);
        // A path that leads nowhere renders as an empty JSON string (LocalStack unit tests; not recorded on AWS).
        return result.found ? jsonSmartText(result.value) : '""';
      }
      case 'path/1': {
        const result = evaluateJsonPath(compilePath(args[0], 'path'), this.payload.value);
        return result.found ? result.value : undefined;
      }
      case 'params/0':
        return new Map<string, unknown>([
          ['path', orderedMapOf(this.params.path)],
          ['querystring', orderedMapOf(this.params.querystring)],
          ['header', orderedMapOf(this.params.header)],
        ]);
      case 'params/1':
        return this.param(args[0]);
    }
    return NO_SUCH_METHOD;
  }

  /** Path, then query string, then header (headers case-insensitively, as HTTP names are). */
  private param(name: unknown): string {
    if (typeof name !== 'string') return '';
    const { path, querystring, header } = this.params;
    if (Object.prototype.hasOwnProperty.call(path, name)) return path[name];
    if (Object.prototype.hasOwnProperty.call(querystring, name)) return querystring[name];
    if (Object.prototype.hasOwnProperty.call(header, name)) return header[name];
    return headerValue(header, name) ?? '';
  }
}

/** Single-valued parameters: the given ones, else the last of the multi-valued ones (API Gateway keeps the last). */
export function mergeParameters(
  single: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> } = {},
  multi: { querystring?: Record<string, string[]>; header?: Record<string, string[]> } = {},
): RequestParameters {
  const strings = (values: Record<string, string> | undefined) => {
    const out: Record<string, string> = {};
    if (!isRecordMap(values)) return out;
    for (const key of Object.keys(values)) {
      const value = values[key];
      setOwn(out, key, value === null || value === undefined ? '' : String(value));
    }
    return out;
  };
  return {
    path: strings(single.path),
    querystring: { ...lastValues(multi.querystring), ...strings(single.querystring) },
    header: { ...lastValues(multi.header), ...strings(single.header) },
  };
}
