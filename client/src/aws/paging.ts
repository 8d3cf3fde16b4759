export interface Page<T> {
  items?: T[];
  next?: string;
}

/** Follows continuation tokens until the service stops returning one; a token seen twice means a broken server. */
export async function allPages<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    items.push(...(page.items ?? []));
    if (!page.next) return items;
    if (seen.has(page.next)) throw new Error(`the service returned the continuation token "${page.next}" twice`);
    seen.add(page.next);
    token = page.next;
  }
}
