import { dialectReading } from '../../model/dialectInference';
import type { ValidationContext } from '../validationTypes';

const ONE = { rest: 'a REST API', http: 'an HTTP API' } as const;
const ALL = { rest: 'REST APIs', http: 'HTTP APIs' } as const;

/**
 * Why a check of one dialect applies, for findings that exist only in the dialect the definition was read in: a
 * single key pasted from the other kind of API (CORS settings in a REST API) can decide it, and then a finding such as
 * "needs `payloadFormatVersion`" makes sense only once the reader knows the definition was taken for an HTTP API.
 * Empty when the dialect was set rather than inferred, when nothing in the definition decided it, and for an HTTP API
 * export.
 */
export function dialectReason(context: ValidationContext): string {
  if (context.settings.dialect && context.settings.dialect !== 'auto') return '';
  const { dialect, because, certain } = dialectReading(context.document);
  if (dialect !== context.dialect || because.length === 0 || certain) return '';
  const other = dialect === 'http' ? 'rest' : 'http';
  return ` This definition reads as ${ONE[dialect]} from what only ${ALL[dialect]} read (${namedEvidence(because)}); if it is ${ONE[other]}, set \`apigateway.validation.dialect\` (\`apigw lint --dialect ${other}\`).`;
}

/** Evidence of a dialect as a message names it: extension keys as code, the other kinds in words. */
export function namedEvidence(evidence: string[]): string {
  return evidence.map((what) => (what.startsWith('x-') ? `\`${what}\`` : what)).join(', ');
}
