/**
 * Shape of the mapping-template language facts: every `$input`, `$util`, `$context` and `$stageVariables` member.
 * The engine (defaults, argument checks), template diagnostics, completion and hover all read one catalog of these.
 */
import type { Dialect } from '../model/dialect';

/** Where a template runs: integration request, integration response, or a gateway response (substitution only). */
export type TemplateKind = 'request' | 'response' | 'gatewayResponse';

/** Where each kind of template stands, in words. */
const TEMPLATE_KIND_NAMES: Record<TemplateKind, string> = {
  request: 'integration request templates',
  response: 'integration response templates',
  gatewayResponse: 'gateway response templates',
};

/** A member's `availableIn` as findings say it: "gateway response templates", "… and …". */
export function availableInWords(kinds: readonly TemplateKind[]): string {
  return kinds.map((k) => TEMPLATE_KIND_NAMES[k]).join(' and ');
}

export interface TemplateParameter {
  name: string;
  type: string;
  doc?: string;
}

export interface TemplateMember {
  /** Member name without the leading `$` or dot, e.g. `requestId`, `json`, `identity`. */
  name: string;
  /** `object` members have `members`; `method`s are called with arguments; `property` is a value. */
  kind: 'property' | 'method' | 'object';
  /** Java-like signature shown in completion and hover, e.g. `json(String path): String`. */
  signature?: string;
  params?: TemplateParameter[];
  /** Arguments a call accepts; `$input.params()` takes 0 or 1. Defaults to params.length for both. */
  minArgs?: number;
  maxArgs?: number;
  /** Java type of the value or return value: String, Object, Map, List, Integer, Long, Boolean. */
  returns?: string;
  /** Markdown documentation. */
  doc: string;
  docsUrl: string;
  members?: TemplateMember[];
  /** Any further key is allowed below this member (`$context.authorizer.<key>`, `$stageVariables.<name>`). */
  openEnded?: boolean;
  /**
   * The value never holds a quote or a backslash (an id, a time, a method, a host name): `$util.escapeJavaScript`
   * leaves it as it is, and it is safe between the quotes of a JSON string.
   */
  quoteFree?: boolean;
  /** Assignable with `#set` (`$context.requestOverride.header.X`, `$context.responseOverride.status`). */
  writable?: boolean;
  /** Template kinds where the member is meaningful; absent means all. */
  availableIn?: TemplateKind[];
  /** Default value the evaluator uses when the sample request does not give one (for `property` members). */
  sample?: string | number | boolean | null;
  /**
   * The APIs whose `$context` has this member; absent means REST and HTTP APIs alike. The two define overlapping but
   * different sets, and a variable of the other kind reads nothing.
   */
  dialects?: readonly Dialect[];
  /** What the member means in HTTP APIs, where that differs from `doc` (which describes it in REST APIs). */
  httpDoc?: string;
  /**
   * HTTP APIs have no templates: their mappings of the request and of the integration's response are what `request`
   * and `response` mean there. The kinds of mapping in which the member has a value; absent means both.
   */
  httpAvailableIn?: TemplateKind[];
}
