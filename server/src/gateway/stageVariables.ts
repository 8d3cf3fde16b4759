const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/**
 * `${stageVariables.name}` in integration and authorizer URIs, and the import-time AWS variables
 * (`${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}`). The stage variables the stage does not define are
 * substituted as empty text, and added to `missing` once each.
 */
export function substituteUriVariables(uri: string, stageVariables: Record<string, string>, region: string, accountId: string, missing: string[] = []): string {
  return uri
    .replace(STAGE_VARIABLE, (_, name: string) => {
      const value = stageVariables[name];
      if (value === undefined && !missing.includes(name)) missing.push(name);
      return value ?? '';
    })
    .replace(/\$\{AWS::Region\}/g, region)
    .replace(/\$\{AWS::AccountId\}/g, accountId)
    .replace(/\$\{AWS::Partition\}/g, 'aws');
}
