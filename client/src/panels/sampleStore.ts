import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

interface Loaded<T> {
  entries: Record<string, T>;
  /** The file holds text that is not a JSON object (a hand edit, a merge conflict): kept before a save replaces it. */
  unreadable?: boolean;
}

/** Every panel writing a file shares its store, so that their writes queue behind each other instead of racing. */
const stores = new Map<string, SampleStore<unknown>>();

/**
 * Samples the user typed, kept per template in a workspace file (`.apigateway/samples.json`) so they survive restarts
 * and can be shared through version control. Writes go through a temporary file so a crash never leaves half a file.
 */
export class SampleStore<T> {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string) {}

  /** The one store of `file`, however its path is spelt. */
  static for<T>(file: string): SampleStore<T> {
    const resolved = path.resolve(file);
    let store = stores.get(resolved);
    if (!store) stores.set(resolved, (store = new SampleStore<unknown>(resolved)));
    return store as SampleStore<T>;
  }

  /** A file that cannot be read gives no saved value: the panel starts from its defaults, and a save reports the problem. */
  async get(key: string): Promise<T | undefined> {
    try {
      return (await this.queued(() => this.load())).entries[key];
    } catch {
      return undefined;
    }
  }

  /**
   * Saves the value (`undefined` removes it). Resolves to the path of the copy kept of a file that was not valid JSON,
   * which the save replaced, so the caller can tell the user where the old content went.
   */
  set(key: string, value: T | undefined): Promise<string | undefined> {
    return this.queued(() => this.update(key, value));
  }

  /** Runs after every earlier read and write of the file; a failed one does not stop the ones behind it. */
  private queued<R>(work: () => Promise<R>): Promise<R> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Reads the file afresh on every update, not from a cache: a checkout or another window may have changed it, and
   * writing back what was read minutes ago would undo that.
   */
  private async update(key: string, value: T | undefined): Promise<string | undefined> {
    const loaded = await this.load();
    const entries = { ...loaded.entries };
    if (value === undefined) delete entries[key];
    else entries[key] = value;
    const backup = loaded.unreadable ? await this.keepCopy() : undefined;
    await this.save(entries);
    return backup;
  }

  /** A missing file is an empty store; a file that cannot be read at all fails, since saving would overwrite it unseen. */
  private async load(): Promise<Loaded<T>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: {} };
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { entries: parsed as Record<string, T> };
    } catch {
      // Not JSON at all: treated as unreadable below.
    }
    return { entries: {}, unreadable: true };
  }

  private async keepCopy(): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const copy = `${this.file}.unreadable-${stamp}-${randomBytes(3).toString('hex')}`;
    await copyFile(this.file, copy, constants.COPYFILE_EXCL);
    return copy;
  }

  /** The temporary name is unique per write: another window saving the same file must not share it. */
  private async save(entries: Record<string, T>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`);
      await rename(temporary, this.file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

/** What to tell the user after a save replaced a file that was not valid JSON. */
export function keptCopyNotice(file: string, copy: string): string {
  return `${path.basename(file)} was not valid JSON: its content was copied to ${copy} before the save replaced it. Merge back what you need by hand.`;
}
