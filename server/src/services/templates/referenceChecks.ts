/**
 * Checks of the `$input`, `$util`, `$context` and `$stageVariables` references in one template: members the catalog
 * does not know, argument counts, JSONPath literals, overrides in the wrong template kind, and what gateway response
 * templates cannot substitute.
 */
import { availableInWords, type TemplateKind, type TemplateMember } from '../../facts/templateVariableTypes';
import { parseJsonPath } from '../../template/jsonPath';
import { jsonPathPitfalls } from './jsonPathPitfalls';
import { closestNames, resolveReference } from './memberLookup';
import type { TemplateReference } from './templateScanner';
import type { TemplateReport } from './templateChecks';
import { accessLogOnlyContext } from '../../facts/templateVariables';


const JSONPATH_METHODS = new Set(['path', 'json']);

export function checkReference(reference: TemplateReference, kind: TemplateKind, report: TemplateReport): void {
  if (kind === 'gatewayResponse' && (reference.root === 'input' || reference.root === 'util')) {
    report(reference.start, reference.end, 'gateway-response-template-variable',
      `Gateway response templates only substitute $context and $stageVariables variables; $${reference.root} is written out as it is.`);
    return;
  }
  const resolution = resolveReference(reference);
  if (!resolution) return;
  if (resolution.unknown) {
    const { segment, parent, parentPath } = resolution.unknown;
    const where = `$${parentPath.join('.')}`;
    if (parentPath[0] === 'context' && accessLogOnlyContext([...parentPath.slice(1), segment.name], 'rest')) {
      report(segment.start, segment.start + segment.name.length, 'template-access-log-variable',
        `$${[...parentPath, segment.name].join('.')} is only available in access-log formats; in a mapping template it is empty.`);
      return;
    }
    const suggestions = closestNames(segment.name, (parent.members ?? []).map((m) => m.name));
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : '';
    report(segment.start, segment.start + segment.name.length, 'template-unknown-member',
      `${where} has no member '${segment.name}'.${hint}`, suggestions.length ? { data: { suggestions } } : undefined);
  }
  for (const { segment, member, path } of resolution.resolved) {
    // An open map's key can carry the name of an access-log variable (`$context.authorizer.latency`).
    if (member.openEnded && path[0] === 'context' && accessLogOnlyContext(path.slice(1), 'rest')) {
      report(segment.start, segment.start + segment.name.length, 'template-access-log-variable',
        `$${path.join('.')} is set only in access-log formats; in a mapping template it reads the key '${segment.name}' of a Lambda authorizer's context, empty unless the authorizer returns one.`);
      continue;
    }
    checkPlacement(member, path, kind, segment.start, segment.end, report);
    if (member.kind !== 'method' || !segment.call) continue;
    const call = segment.call;
    const count = call.args.length;
    const min = member.minArgs ?? member.params?.length ?? 0;
    const max = member.maxArgs ?? member.params?.length ?? 0;
    if (count < min || count > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      const end = call.close >= 0 ? call.close + 1 : segment.end;
      report(segment.start, end, 'template-argument-count',
        `$${path.join('.')}() takes ${expected} argument${max === 1 ? '' : 's'} (${member.signature ?? member.name}); it is given ${count}.`);
      continue;
    }
    if (path[0] === 'input' && JSONPATH_METHODS.has(member.name)) checkJsonPathArgument(call.args[0]?.literal, report);
  }
}

function checkJsonPathArgument(literal: { value: string; quote: string; start: number; end: number } | undefined, report: TemplateReport): void {
  // Interpolated strings are only known at run time.
  if (!literal || (literal.quote === '"' && /\$!?[{A-Za-z_]/.test(literal.value))) return;
  const result = parseJsonPath(literal.value);
  const innerStart = literal.start + 1;
  if (result.ok) {
    // Offsets inside the literal match the path's only where the source holds no escapes.
    const plain = literal.end - literal.start - 2 === literal.value.length;
    for (const pitfall of jsonPathPitfalls(literal.value)) {
      report(plain ? innerStart + pitfall.start : innerStart, plain ? innerStart + pitfall.end : literal.end - 1, 'template-jsonpath-reads-nothing', pitfall.message);
    }
    return;
  }
  const innerEnd = Math.max(innerStart, literal.end - 1);
  report(innerStart, innerEnd, 'template-invalid-jsonpath', result.error ?? `Invalid JSONPath '${literal.value}'.`);
}

const OVERRIDES = new Set(['requestOverride', 'responseOverride']);

const ONE_OF_KIND: Record<TemplateKind, string> = {
  request: 'an integration request template',
  response: 'an integration response template',
  gatewayResponse: 'a gateway response template',
};

/**
 * Request overrides change the integration request and only exist while a request template runs; response overrides
 * change the method response and belong to integration response templates (API Gateway override documentation).
 * Other members the catalog marks as set only in some kinds of template read as empty in the rest.
 */
function checkPlacement(member: TemplateMember, path: string[], kind: TemplateKind, start: number, end: number, report: TemplateReport): void {
  if (path[0] !== 'context' || path.length < 2) return;
  if (OVERRIDES.has(path[1])) {
    if (path.length !== 2) return;
    if (member.name === 'requestOverride' && kind !== 'request') {
      report(start, end, 'template-override-misplaced',
        '$context.requestOverride only works in integration request templates; here it has no effect.');
    } else if (member.name === 'responseOverride' && kind === 'request') {
      report(start, end, 'template-override-misplaced',
        '$context.responseOverride has no effect in a request template; set it in an integration response template.');
    }
    return;
  }
  if (!member.availableIn || member.availableIn.includes(kind)) return;
  report(start, end, 'template-variable-unavailable', `$${path.join('.')} is set only in ${availableInWords(member.availableIn)}; in ${ONE_OF_KIND[kind]} it is empty.`);
}
