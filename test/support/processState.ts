import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether the process still runs. A process whose parent has exited belongs to init, which reaps it; a zombie left to
 * an init that does not (in some containers) no longer runs either.
 */
export function running(pid: number): boolean {
  let state: string;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    state = stat.slice(stat.lastIndexOf(')') + 2);
  } catch {
    try {
      state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return false;
    }
  }
  return !/^[ZX]/.test(state);
}
