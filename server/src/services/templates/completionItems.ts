/**
 * Completion items for template text, independent of where the template is written: variables and their members,
 * directives, and payload properties inside JSONPath literals. Ranges are template offsets.
 */
import { CompletionItemKind, MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { findTemplateMember, templateMembersOf, TEMPLATE_ROOTS } from '../../facts/templateVariables';
import type { TemplateKind, TemplateMember } from '../../facts/templateVariableTypes';
import { DIRECTIVE_DOCS, FOREACH_MEMBERS } from '../../facts/velocityDirectives';
import { allowsLineBreaks, escapeForHost, preferredQuote, withoutCommentStarts, type TemplateHost } from './hostEscaping';
import { CATALOG_ROOTS } from './memberLookup';
import { scanTemplate, type ScannedTemplate } from './templateScanner';
import { definedVariables } from './variableChecks';
import { memberSiteAt, valueMemberItems } from './valueCompletion';
import { TemplateBindings, type PayloadLookup } from './variableValues';
import { MAPPING_LOCATION } from '../editing/operationFacts';

export interface TemplateCompletionItem {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: MarkupContent;
  /** Replaces template text [start, end). */
  start: number;
  end: number;
  newText: string;
  snippet: boolean;
  sortText?: string;
  /** What the editor matches against the text of the range, when that is not the label. */
  filterText?: string;
}

export interface CompletionRequest {
  text: string;
  offset: number;
  kind: TemplateKind;
  host: TemplateHost;
  stageVariables: string[];
  /** Properties of the payload at a JSONPath written so far, when a schema is known. */
  jsonPathProperties?: (expression: string) => Array<{ name: string; type: string; description?: string }>;
  /**
   * The request parameters of the operation, by the location names of `$input.params()`: `path`, `querystring`,
   * `header`. Read only where a parameter name is being typed.
   */
  parameters?: () => RequestParameter[];
  /** What the payload at some JSONPath steps is, when a schema is known: for members of variables that hold it. */
  payload?: PayloadLookup;
}

export interface RequestParameter {
  name: string;
  location: string;
}


export function templateCompletionItems(request: CompletionRequest): TemplateCompletionItem[] {
  const { text, offset } = request;
  const scanned = scanTemplate(text);
  const inComment = scanned.comments.some((c) => offset > c.start && (offset < c.end || (offset === c.end && text.startsWith('##', c.start))));
  if (inComment) return [];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const jsonPath = /\$input\.(?:path|json)\(\s*(['"])(\$[^'"]*)$/.exec(before);
  const input = isPathAvailable(['input'], request.kind);
  if (jsonPath) return input ? jsonPathItems(request, jsonPath[2], jsonPath[1]) : [];
  const parameters = parameterItems(request, before);
  if (parameters) return input ? parameters : [];
  const member = memberSiteAt(text, scanned, offset);
  if (member) {
    // Gateway responses substitute variables and nothing else: no `#set`, no payload, no methods.
    if (request.kind === 'gatewayResponse') return [];
    const bindings = TemplateBindings.of(text, scanned);
    return valueMemberItems(member, { text, host: request.host, bindings, payload: request.payload, start: member.dot + 1, end: nameEnd(text, offset) });
  }
  const reference = /\$!?\{?((?:[A-Za-z_][\w-]*\.)*)([A-Za-z_][\w-]*)?$/.exec(before);
  if (reference) {
    const path = reference[1] ? reference[1].slice(0, -1).split('.') : [];
    const prefix = reference[2] ?? '';
    return referenceItems(request, path, offset - prefix.length, scanned, text);
  }
  const directive = /(^|[^#\\])#\{?([A-Za-z]*)$/.exec(before);
  if (directive) return directiveItems(request, offset - directive[2].length - (before.endsWith('{' + directive[2]) ? 2 : 1));
  return [];
}

/**
 * Where the name at the cursor ends: an item replaces all of it, as the value completion of the definition does, or
 * choosing `identity` at `$context.ident|ity` would leave `identityity`.
 */
function nameEnd(text: string, offset: number): number {
  return offset + /^[\w-]*/.exec(text.slice(offset))![0].length;
}

function referenceItems(request: CompletionRequest, path: string[], start: number, scanned: ScannedTemplate, text: string): TemplateCompletionItem[] {
  const end = nameEnd(text, request.offset);
  const gateway = request.kind === 'gatewayResponse';
  if (path.length === 0) {
    const roots = TEMPLATE_ROOTS.filter((m) => isAvailable(m, request.kind)).map((m) => memberItem(m, [], request, start, end));
    const own = new Set(CATALOG_ROOTS);
    const usedNames = scanned.references.map((r) => r.root);
    // The name being typed is read as a reference too; it is offered only when it is also written somewhere else.
    const typed = text.slice(start, end);
    const typedElsewhere = scanned.references.some((r) => r.root === typed && (request.offset < r.rootStart || request.offset > r.rootEnd));
    const variables = [...new Set([...definedVariables(text, scanned), ...usedNames])].filter((name) => !own.has(name) && (name !== typed || typedElsewhere));
    if (!gateway && /#\{?foreach\b/.test(text)) variables.push('foreach');
    const variableItems = [...new Set(variables)].map((name) => ({
      label: name, kind: CompletionItemKind.Variable, detail: 'template variable', start, end, newText: name, snippet: false, sortText: `1${name}`,
    }));
    return [...roots, ...variableItems];
  }
  if (path[0] === 'stageVariables' && path.length === 1) {
    return request.stageVariables.map((name) => ({
      label: name, kind: CompletionItemKind.Variable, detail: 'stage variable', start, end, newText: name, snippet: false,
    }));
  }
  if (path[0] === 'foreach' && path.length === 1 && !gateway) {
    return FOREACH_MEMBERS.map((m) => ({
      label: m.name, kind: CompletionItemKind.Property, documentation: markdown(m.doc), start, end, newText: m.name, snippet: false,
    }));
  }
  if (!CATALOG_ROOTS.has(path[0]) || !isPathAvailable(path, request.kind)) return [];
  return templateMembersOf(path)
    .filter((m) => isAvailable(m, request.kind))
    .filter((m) => !gateway || m.kind !== 'method')
    .map((m) => memberItem(m, path, request, start, end));
}

function isAvailable(member: TemplateMember | undefined, kind: TemplateKind): boolean {
  return !member?.availableIn || member.availableIn.includes(kind);
}

/**
 * The catalog marks where a variable means something on the variable alone, not on each member below it: what a
 * template kind leaves out of the list after `$` or `$context.` is left out of the lists deeper down too.
 */
function isPathAvailable(path: string[], kind: TemplateKind): boolean {
  return path.every((_, i) => isAvailable(findTemplateMember(path.slice(0, i + 1)), kind));
}

function memberItem(member: TemplateMember, path: string[], request: CompletionRequest, start: number, end: number): TemplateCompletionItem {
  const kind = path.length === 0
    ? CompletionItemKind.Module
    : member.kind === 'method' ? CompletionItemKind.Method : member.kind === 'object' ? CompletionItemKind.Field : CompletionItemKind.Property;
  const item: TemplateCompletionItem = {
    label: member.name,
    kind,
    detail: member.signature ?? member.returns,
    documentation: markdown(`${member.doc}\n\n[Documentation](${member.docsUrl})`),
    start,
    end,
    newText: member.name,
    snippet: false,
    sortText: `0${member.name}`,
  };
  // A call already written after the name keeps its arguments.
  if (member.kind === 'method' && request.text[end] !== '(') {
    const quote = preferredQuote(request.host);
    const args = (member.params ?? []).map((p, i) => {
      const placeholder = p.name === 'path' ? `${i + 1}:\\$` : `${i + 1}:${p.name}`;
      // JSONPath and parameter names are string literals; other parameters are usually references.
      return p.name === 'path' || p.name === 'name' ? `${quoteFor(quote, request.host)}\${${placeholder}}${quoteFor(quote, request.host)}` : `\${${placeholder}}`;
    });
    item.newText = `${member.name}(${args.join(', ')})`;
    item.snippet = true;
  }
  return item;
}

function quoteFor(quote: string, host: TemplateHost): string {
  return escapeForHost(quote, host);
}

interface DirectiveSnippet {
  name: string;
  block: string;
  line: string;
  doc: string;
}

const DIRECTIVES: DirectiveSnippet[] = [
  // A string literal as the value, so that the snippet left as it is still parses; its quote suits the host (QUOTE).
  { name: 'set', block: '#set(\\$${1:name} = ${2:QUOTEvalueQUOTE})', line: '#set(\\$${1:name} = ${2:QUOTEvalueQUOTE})', doc: DIRECTIVE_DOCS.set },
  { name: 'if', block: '#if(${1:condition})\n\t$0\n#end', line: '#if(${1:condition}) $0 #end', doc: DIRECTIVE_DOCS.if },
  { name: 'elseif', block: '#elseif(${1:condition})', line: '#elseif(${1:condition})', doc: DIRECTIVE_DOCS.elseif },
  { name: 'else', block: '#else', line: '#else', doc: DIRECTIVE_DOCS.else },
  { name: 'end', block: '#end', line: '#end', doc: DIRECTIVE_DOCS.end },
  {
    name: 'foreach',
    block: '#foreach(\\$${1:item} in ${2:\\$list})\n\t$0#if(\\$foreach.hasNext),#end\n#end',
    line: '#foreach(\\$${1:item} in ${2:\\$list}) $0#if(\\$foreach.hasNext),#end #end',
    doc: DIRECTIVE_DOCS.foreach,
  },
  { name: 'break', block: '#break', line: '#break', doc: DIRECTIVE_DOCS.break },
  { name: 'stop', block: '#stop', line: '#stop', doc: DIRECTIVE_DOCS.stop },
  { name: 'define', block: '#define(\\$${1:name})\n\t$0\n#end', line: '#define(\\$${1:name}) $0 #end', doc: DIRECTIVE_DOCS.define },
  { name: 'macro', block: '#macro(${1:name} \\$${2:arg})\n\t$0\n#end', line: '#macro(${1:name} \\$${2:arg}) $0 #end', doc: DIRECTIVE_DOCS.macro },
];

function directiveItems(request: CompletionRequest, start: number): TemplateCompletionItem[] {
  if (request.kind === 'gatewayResponse') return [];
  const { text, offset, host } = request;
  const braced = start + 1 < offset && text[start + 1] === '{';
  // The whole name is replaced, with the brace closing `#{name}`: `#fo|reach` must not become `#foreach…reach`.
  let end = offset + /^[A-Za-z]*/.exec(text.slice(offset))![0].length;
  if (braced && text[end] === '}') end++;
  // Arguments already written after the name are kept, as for a method call.
  const called = text[end] === '(';
  const multiline = allowsLineBreaks(host);
  return DIRECTIVES.map((d) => ({
    label: `#${d.name}`,
    kind: CompletionItemKind.Keyword,
    documentation: markdown(d.doc),
    start,
    end,
    newText: called ? `#${d.name}` : fitSnippetToHost(multiline ? d.block : d.line, host).replace(/QUOTE/g, preferredQuote(host)),
    snippet: !called,
    // The editor filters on the text the range covers, brace included.
    filterText: braced ? `#{${d.name}` : undefined,
  }));
}

/**
 * Host escaping applied to a snippet: only its literal text can contain characters the host must escape. The backslash
 * of an escape the host reads is doubled once more for the snippet grammar, which reads `\\` as one.
 */
function fitSnippetToHost(snippet: string, host: TemplateHost): string {
  if (host === 'double') return snippet.replace(/\n/g, '\\\\n').replace(/\t/g, '\\\\t');
  if (host === 'plain') return withoutCommentStarts(snippet);
  return snippet;
}

function jsonPathItems(request: CompletionRequest, expression: string, literalQuote: string): TemplateCompletionItem[] {
  const lastDot = Math.max(expression.lastIndexOf('.'), expression.lastIndexOf('['));
  if (lastDot < 0 || expression[lastDot] !== '.') return [];
  const parent = expression.slice(0, lastDot).replace(/\.$/, '');
  const prefix = expression.slice(lastDot + 1);
  const start = request.offset - prefix.length;
  const end = nameEnd(request.text, request.offset);
  return (request.jsonPathProperties?.(parent) ?? []).map((p) => {
    const item: TemplateCompletionItem = {
      label: p.name,
      kind: CompletionItemKind.Field,
      detail: p.type,
      documentation: p.description ? markdown(p.description) : undefined,
      start,
      end,
      newText: p.name,
      snippet: false,
    };
    return DOT_NAME.test(p.name) ? item : bracketed(item, literalQuote, expression[lastDot - 1] !== '.');
  });
}

/** Names a JSONPath can follow a dot with; any other goes in brackets. */
const DOT_NAME = /^[A-Za-z0-9_-]+$/;

/**
 * `['we ird']` in place of `.we ird` (after the `..` of a deep scan, `..['we ird']`), quoted with the quote the JSONPath
 * string literal around it does not use.
 */
function bracketed(item: TemplateCompletionItem, literalQuote: string, replacesDot: boolean): TemplateCompletionItem {
  const quote = literalQuote === "'" ? '"' : "'";
  const newText = `[${quote}${item.label}${quote}]`;
  if (!replacesDot) return { ...item, newText };
  // The range takes the dot in, so the editor matches what it covers against the dot too.
  return { ...item, start: item.start - 1, newText, filterText: `.${item.label}` };
}

/**
 * `$input.params('name')` takes the name of any request parameter; `$input.params()` is the map of the locations, each
 * a map of the parameters there. Undefined where the text is none of these.
 */
function parameterItems(request: CompletionRequest, before: string): TemplateCompletionItem[] | undefined {
  const byName = /\$input\.params\(\s*['"]([^'"]*)$/.exec(before);
  if (byName) {
    const declared = request.parameters?.() ?? [];
    return parameterNameItems(request, declared, [...new Set(declared.map((p) => p.name))], byName[1]);
  }
  const inLocation = /\$input\.params\(\s*\)\.([A-Za-z]+)\.([\w-]*)$/.exec(before);
  if (inLocation) {
    const declared = request.parameters?.() ?? [];
    return parameterNameItems(request, declared, declared.filter((p) => p.location === inLocation[1]).map((p) => p.name), inLocation[2]);
  }
  const location = /\$input\.params\(\s*\)\.([A-Za-z]*)$/.exec(before);
  if (!location) return undefined;
  const start = request.offset - location[1].length;
  const end = nameEnd(request.text, request.offset);
  return PARAMETER_LOCATIONS.map((name) => ({ label: name, kind: CompletionItemKind.Field, detail: 'Map<String, String>', start, end, newText: name, snippet: false }));
}

const PARAMETER_LOCATIONS = [...new Set(Object.values(MAPPING_LOCATION))];

function parameterNameItems(request: CompletionRequest, declared: RequestParameter[], names: string[], typed: string): TemplateCompletionItem[] {
  const start = request.offset - typed.length;
  const end = nameEnd(request.text, request.offset);
  const locations = new Map<string, string[]>();
  for (const p of declared) locations.set(p.name, [...(locations.get(p.name) ?? []), p.location]);
  return names.map((name) => ({
    label: name, kind: CompletionItemKind.Variable, detail: `${locations.get(name)?.join(', ')} parameter`, start, end, newText: name, snippet: false,
  }));
}

function markdown(value: string): MarkupContent {
  return { kind: MarkupKind.Markdown, value };
}
