import type { DeployResult } from './deployer';
import { backupSentence } from './deployFailures';
import { counted, listed } from '../sentences';

/** "Stage prod deploys automatically", "Stages dev and prod deploy automatically". */
export function autoDeployWording(stages: string[]): string {
  if (stages.length === 1) return `Stage ${stages[0]} deploys automatically`;
  return `Stages ${listed(stages)} deploy automatically`;
}

/** "stage variable old", "stage variables a, b and c". */
export function stageVariablesWording(names: string[]): string {
  return `stage variable${names.length === 1 ? '' : 's'} ${listed(names)}`;
}

/**
 * The message after a deploy. The invoke URL comes last, after its own label: followed by the backup sentence it ran
 * into it ("…/dev Backup: …"), and a toast that wraps lines cannot show where the URL ends.
 */
export function deployAnnouncement(result: Pick<DeployResult, 'created' | 'kind' | 'apiName' | 'apiId' | 'warnings' | 'stage' | 'invokeUrl' | 'backups' | 'unfinished'>, showPath: (file: string) => string): string {
  const name = result.apiName ? `${result.apiName} ` : '';
  const what = `${result.created ? 'Created' : 'Updated'} ${result.kind} API ${name}(${result.apiId})`;
  const warned = result.warnings.length ? ` with ${counted(result.warnings.length, 'import warning')}, shown in the document` : '';
  // Said next to what was done, so nobody takes a change API Gateway has not deployed yet for a live one.
  const unfinished = result.unfinished ? ` ${result.unfinished}` : '';
  const backups = backupSentence(result.backups, showPath);
  if (!result.invokeUrl) return `${what}${warned}.${unfinished}${backups}`;
  return `${what}${warned}, stage ${result.stage}.${unfinished}${backups} Invoke URL: ${result.invokeUrl}`;
}
