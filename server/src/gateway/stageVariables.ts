/**
 * `${stageVariables.name}` in integration and authorizer URIs, and the import-time AWS variables
 * (`${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}`).
 */
export function substituteUriVariables(uri: string, stageVariables: Record<string, string>, region: string, accountId: string): string {
  return uri
    .replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => stageVariables[name] ?? '')
    .replace(/\$\{AWS::Region\}/g, region)
    .replace(/\$\{AWS::AccountId\}/g, accountId)
    .replace(/\$\{AWS::Partition\}/g, 'aws');
}
