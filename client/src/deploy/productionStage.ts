const PRODUCTION_WORDS = new Set(['prod', 'production', 'prd', 'live', 'prod1', 'prod2']);

/**
 * True for stage names that read like production: `prod`, `Production`, `live`, `prd`, `eu-prod`, `prodV2`, `prod_2`.
 * Words are split at separators and camel-case humps, so `product` or `preprod` do not count.
 */
export function looksLikeProduction(stageName: string): boolean {
  const words = stageName
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/([A-Za-z])(\d)/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((word) => PRODUCTION_WORDS.has(word));
}
