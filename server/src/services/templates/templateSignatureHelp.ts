/**
 * Signature help inside mapping templates, embedded in an API definition or in a `.vtl` file: the forms of the
 * `$input`/`$util` method whose parentheses hold the cursor, or the Java method of a value whose shape completion
 * knows (see variableValues), with the argument under the cursor.
 */
import { MarkupKind, type MarkupContent, type ParameterInformation, type SignatureHelp, type SignatureInformation } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import type { TemplateKind, TemplateMember } from '../../facts/templateVariableTypes';
import { JAVA_VALUE_METHODS, JAVA_VALUE_TYPES } from './javaValueMethods';
import { templateAtOffset } from './locate';
import { resolveReference } from './memberLookup';
import { scanTemplate, type CallSite, type ScannedTemplate, type StringLiteral, type TemplateReference } from './templateScanner';
import { payloadFacts } from './templateSchemas';
import { loadedFiles } from './schemaFiles';
import type { DocumentResolver } from '../validationTypes';
import { standaloneTemplateKind } from './templateValidation';
import { factsOf, TemplateBindings, type PayloadLookup } from './variableValues';

/** `previous` is the help the editor shows already, when it asks again as the cursor moves: its chosen form is kept. */
export function signatureHelpInTemplate(document: ApiDocument, offset: number, previous?: SignatureHelp, resolver?: DocumentResolver): SignatureHelp | undefined {
  const template = templateAtOffset(document, offset);
  if (!template) return undefined;
  const loaded = loadedFiles(resolver);
  const site: TemplateSite = { kind: template.kind, payload: (steps) => payloadFacts(document, template, steps, loaded) };
  return signatureHelpAt(template.text, template.toTemplateOffset(offset), site, previous);
}

export function signatureHelpInStandaloneTemplate(text: string, offset: number, fileName = '', previous?: SignatureHelp): SignatureHelp | undefined {
  return signatureHelpAt(text, offset, { kind: standaloneTemplateKind(fileName) }, previous);
}

interface TemplateSite {
  kind: TemplateKind;
  /** What the payload schema says, when one is known. */
  payload?: PayloadLookup;
}

interface EnclosingCall {
  reference: TemplateReference;
  /** The segment of `reference` that is called. */
  index: number;
  call: CallSite;
}

function signatureHelpAt(text: string, offset: number, site: TemplateSite, previous: SignatureHelp | undefined): SignatureHelp | undefined {
  // Gateway responses substitute variables and nothing else: no method is called there.
  if (site.kind === 'gatewayResponse') return undefined;
  const scanned = scanTemplate(text);
  const enclosing = callAt(scanned, offset);
  if (!enclosing) return undefined;
  const signatures = signaturesOf(text, scanned, enclosing, site);
  if (!signatures?.length) return undefined;
  const separators = argumentSeparators(text, enclosing.call, scanned.strings);
  const activeParameter = separators.filter((comma) => comma < offset).length;
  const argumentCount = enclosing.call.args.length === 0 ? 0 : separators.length + 1;
  const activeSignature = chooseForm(signatures, argumentCount, activeParameter, previous);
  return { signatures, activeSignature, activeParameter };
}

/** The innermost call whose parentheses hold the offset: after its `(`, up to and including its `)`. */
function callAt(scanned: ScannedTemplate, offset: number): EnclosingCall | undefined {
  let found: EnclosingCall | undefined;
  for (const reference of scanned.references) {
    // References are in source order, and one that starts at the offset holds no call around it; one that ends before
    // it has closed its calls (an unclosed call runs to the end of the text).
    if (reference.start >= offset) break;
    if (reference.end < offset) continue;
    reference.segments.forEach((segment, index) => {
      const call = segment.call;
      if (!call || call.open >= offset || (call.close >= 0 && offset > call.close)) return;
      // Calls nest in each other's arguments: the one opened last is the innermost.
      if (!found || call.open > found.call.open) found = { reference, index, call };
    });
  }
  return found;
}

/**
 * The offsets of the commas between the call's arguments. The scanner splits arguments at the commas of the call's own
 * level (not those in strings, nested calls, parentheses, brackets or braces), and only white space stands between an
 * argument and the comma after it. It reads a comment among the arguments as code, though: a comma there is no
 * separator. (Velocity 1.7 refuses a comment inside a call, which the syntax check reports; the help meanwhile follows
 * the arguments the text has without it.)
 */
function argumentSeparators(text: string, call: CallSite, strings: StringLiteral[]): number[] {
  const commas: number[] = [];
  let comments: Array<{ start: number; end: number }> | undefined;
  for (let i = 1; i < call.args.length; i++) {
    const comma = text.indexOf(',', call.args[i - 1].end);
    if (comma < 0) break;
    comments ??= commentsIn(text, call.open + 1, call.args[call.args.length - 1].start, strings);
    if (!comments.some((c) => comma >= c.start && comma < c.end)) commas.push(comma);
  }
  return commas;
}

/** The `## …` and `#* … *#` comments of code from `start` to `end`, passing over its string literals. */
function commentsIn(text: string, start: number, end: number, strings: StringLiteral[]): Array<{ start: number; end: number }> {
  const literalEnds = new Map(strings.map((s) => [s.start, s.end]));
  const comments: Array<{ start: number; end: number }> = [];
  let pos = start;
  while (pos < end) {
    const literalEnd = literalEnds.get(pos);
    if (literalEnd !== undefined && literalEnd > pos) {
      pos = literalEnd;
    } else if (text.startsWith('##', pos) || text.startsWith('#*', pos)) {
      const line = text[pos + 1] === '#';
      const found = line ? text.indexOf('\n', pos) : text.indexOf('*#', pos + 2);
      const commentEnd = found < 0 ? text.length : line ? found : found + 2;
      comments.push({ start: pos, end: commentEnd });
      pos = commentEnd;
    } else {
      pos++;
    }
  }
  return comments;
}

function signaturesOf(text: string, scanned: ScannedTemplate, enclosing: EnclosingCall, site: TemplateSite): SignatureInformation[] | undefined {
  const { reference, index } = enclosing;
  const segment = reference.segments[index];
  const catalog = resolveReference(reference)?.resolved.find((r) => r.segment === segment);
  if (catalog) return catalog.member.kind === 'method' ? catalogForms(catalog.member, catalog.path) : undefined;
  // Past the catalog, the receiver is a value whose Java methods completion offers when it knows the value's shape.
  const facts = factsOf(TemplateBindings.of(text, scanned).valueOf(reference, index), site.payload);
  if (!facts?.shape) return undefined;
  const method = JAVA_VALUE_METHODS[facts.shape].find((m) => m.name === segment.name);
  if (!method) return undefined;
  const params = method.params.map((p) => ({ label: `${p.type} ${p.name}` }));
  return [signature(`${JAVA_VALUE_TYPES[facts.shape]}.${method.name}`, params, method.returns, method.doc)];
}

/** One form per number of arguments the catalog allows: `$input.params()` and `$input.params(String name)`. */
function catalogForms(member: TemplateMember, path: string[]): SignatureInformation[] {
  const params = member.params ?? [];
  const most = Math.min(member.maxArgs ?? params.length, params.length);
  const least = Math.min(member.minArgs ?? params.length, most);
  const documentation = `${member.doc}\n\n[Documentation](${member.docsUrl})`;
  const forms: SignatureInformation[] = [];
  for (let count = least; count <= most; count++) {
    const shown = params.slice(0, count).map((p) => ({ label: `${p.type} ${p.name}`, doc: p.doc }));
    forms.push(signature(`$${path.join('.')}`, shown, member.returns ?? 'Object', documentation));
  }
  return forms;
}

/** Parameters are labelled by their offsets in the signature's label, which is unambiguous where names repeat. */
function signature(name: string, params: Array<{ label: string; doc?: string }>, returns: string, documentation: string): SignatureInformation {
  let label = `${name}(`;
  const parameters = params.map((p, i): ParameterInformation => {
    if (i > 0) label += ', ';
    const start = label.length;
    label += p.label;
    const parameter: ParameterInformation = { label: [start, label.length] };
    if (p.doc) parameter.documentation = markdown(p.doc);
    return parameter;
  });
  label += `): ${returns}`;
  return { label, documentation: markdown(documentation), parameters };
}

/**
 * The form shown first: the one the editor showed, while it still fits the call, else the shortest that fits (with no
 * argument written yet, the one that takes one). A form fits when it takes every argument written and has a parameter
 * at the cursor; with none written, a form taking none fits too, as the call is complete for it.
 *
 * When no form has a parameter at the cursor (`$util.urlEncode('a', 'b')` on `'b'`), the one taking the most is shown,
 * and the caller reports the argument's true index although that form has no parameter there. That is deliberate:
 * LSP 3.17 has no "none" (an omitted or out-of-range `activeParameter` defaults to 0), and `null`, which says it from
 * 3.18 on, is valid only for clients announcing `noActiveParameterSupport`, a capability this protocol-free service
 * does not see. Of the answers every client accepts, the true index is the one VS Code and Neovim show as no
 * parameter at all; a client following 3.17 to the letter marks the first parameter, as it would for any answer.
 * Clamping it to the last parameter would claim the extra argument belongs there.
 */
function chooseForm(forms: SignatureInformation[], argumentCount: number, activeParameter: number, previous: SignatureHelp | undefined): number {
  const parameterCount = (form: SignatureInformation) => form.parameters?.length ?? 0;
  const fits = (form: SignatureInformation) =>
    parameterCount(form) >= argumentCount && (parameterCount(form) > activeParameter || (argumentCount === 0 && parameterCount(form) === 0));
  const shownLabel = previous?.signatures[previous.activeSignature ?? 0]?.label;
  const shown = forms.findIndex((f) => f.label === shownLabel);
  if (shown >= 0 && fits(forms[shown])) return shown;
  const fitting = forms.findIndex((f) => parameterCount(f) > activeParameter && parameterCount(f) >= argumentCount);
  if (fitting >= 0) return fitting;
  let most = 0;
  forms.forEach((form, i) => {
    if (parameterCount(form) > parameterCount(forms[most])) most = i;
  });
  return most;
}

function markdown(value: string): MarkupContent {
  return { kind: MarkupKind.Markdown, value };
}
