import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileDiagnostics } from './languageService';

/**
 * Findings that definitions' validations made in the files their `$ref`s name (a path item in `paths/pets.yaml`),
 * published for those files: each file shows what every definition using it found there, each finding once.
 */
export class FindingsElsewhere {
  /** By file, then by the definition whose validation found them. */
  private readonly byFile = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly send: (uri: string, diagnostics: Diagnostic[]) => void) {}

  /** What a definition's latest validation found in other files; none once it is closed or names no other file. */
  set(definition: string, found: FileDiagnostics[]): void {
    const touched = new Set<string>();
    for (const [file, byDefinition] of this.byFile) if (byDefinition.delete(definition)) touched.add(file);
    for (const { uri, diagnostics } of found) {
      let byDefinition = this.byFile.get(uri);
      if (!byDefinition) this.byFile.set(uri, (byDefinition = new Map()));
      byDefinition.set(definition, diagnostics);
      touched.add(uri);
    }
    for (const file of touched) this.publish(file);
  }

  /** The files a definition's latest validation found things in (or found clean). */
  filesOf(definition: string): string[] {
    return [...this.byFile].filter(([, byDefinition]) => byDefinition.has(definition)).map(([file]) => file);
  }

  /** Whether a definition's latest validation read other files. */
  hasDefinition(definition: string): boolean {
    for (const byDefinition of this.byFile.values()) if (byDefinition.has(definition)) return true;
    return false;
  }

  /** Leaves out of a file the findings of the definitions `drop` picks. */
  dropFrom(file: string, drop: (definition: string) => boolean): void {
    const byDefinition = this.byFile.get(file);
    if (!byDefinition) return;
    let dropped = false;
    for (const definition of [...byDefinition.keys()]) if (drop(definition) && byDefinition.delete(definition)) dropped = true;
    if (dropped) this.publish(file);
  }

  /** Whether any definition's findings stand in the file. */
  has(file: string): boolean {
    return this.byFile.has(file);
  }

  /** Whether a definition's latest validation found the file among those it references. */
  uses(definition: string, file: string): boolean {
    return this.byFile.get(file)?.has(definition) ?? false;
  }

  private publish(file: string): void {
    const byDefinition = this.byFile.get(file);
    const merged: Diagnostic[] = [];
    for (const diagnostics of byDefinition?.values() ?? []) for (const diagnostic of diagnostics) if (!merged.some((d) => sameFinding(d, diagnostic))) merged.push(diagnostic);
    if (byDefinition?.size === 0) this.byFile.delete(file);
    this.send(file, merged);
  }
}

/** The same code and message on the same range: two definitions using one path item find the same mistake in it. */
export function sameFinding(a: Diagnostic, b: Diagnostic): boolean {
  const x = a.range;
  const y = b.range;
  return a.code === b.code && a.message === b.message && x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}
