import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Samples the user typed, kept per template in a workspace file (`.apigateway/samples.json`) so they survive restarts
 * and can be shared through version control. Writes go through a temporary file so a crash never leaves half a file.
 */
export class SampleStore<T> {
  private cache: Record<string, T> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async get(key: string): Promise<T | undefined> {
    return (await this.load())[key];
  }

  async set(key: string, value: T | undefined): Promise<void> {
    const all = await this.load();
    if (value === undefined) delete all[key];
    else all[key] = value;
    this.writing = this.writing.then(() => this.save(all)).catch(() => undefined);
    await this.writing;
  }

  private async load(): Promise<Record<string, T>> {
    if (this.cache) return this.cache;
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8'));
      this.cache = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      this.cache = {};
    }
    return this.cache!;
  }

  private async save(all: Record<string, T>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(all, null, 2)}\n`);
    await rename(temporary, this.file);
  }
}
