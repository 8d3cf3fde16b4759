const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * `${stageVariables.name}` in integration and authorizer URIs, and the import-time AWS variables
 * (`${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}`).
 */
export function substituteUriVariables(uri: string, stageVariables: Record<string, string>, region: string, accountId: string): string {
  return uri
    .replace(STAGE_VARIABLE, (_, name: string) => stageVariables[name] ?? '')
    .replace(/\$\{AWS::Region\}/g, region)
    .replace(/\$\{AWS::AccountId\}/g, accountId)
    .replace(/\$\{AWS::Partition\}/g, 'aws');
}

/** The stage variables a URI refers to that the stage does not define; each is substituted as empty text. */
export function undefinedStageVariables(uri: string, stageVariables: Record<string, string>): string[] {
  const names = [...uri.matchAll(STAGE_VARIABLE)].map((m) => m[1]);
  return [...new Set(names)].filter((name) => stageVariables[name] === undefined);
}
