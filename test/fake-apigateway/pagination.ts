import { badRequest } from './errors';

/**
 * Pages a list the way both API versions do: an opaque token says where the next page starts. The token here is the
 * base64url of the start offset; clients must treat it as opaque, as they must with AWS's.
 */
export function paginate<T>(
  items: T[],
  token: string | null,
  limitText: string | null,
  defaults: { limit: number; max: number },
): { page: T[]; next?: string } {
  let start = 0;
  if (token !== null && token !== '') {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!/^\d{1,9}$/.test(decoded)) throw badRequest(`Invalid pagination token '${token}'`);
    start = Number(decoded);
  }
  let limit = defaults.limit;
  if (limitText !== null && limitText !== '') {
    limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > defaults.max) {
      throw badRequest(`Invalid page size '${limitText}': it must be an integer from 1 to ${defaults.max}`);
    }
  }
  const page = items.slice(start, start + limit);
  const nextStart = start + limit;
  return { page, next: nextStart < items.length ? Buffer.from(String(nextStart)).toString('base64url') : undefined };
}
