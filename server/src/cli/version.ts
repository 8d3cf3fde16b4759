/**
 * The version `apigw --version` prints and SARIF logs give as the tool's: code scanning tells results of one release
 * from another's by it. A packaging step may set APIGW_VERSION; the literal follows package.json (a test holds them
 * together).
 */
export function cliVersion(): string {
  return process.env.APIGW_VERSION ?? '0.1.0';
}
