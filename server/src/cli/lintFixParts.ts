import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import type { FileDiagnostics, LanguageService } from '../languageService';
import { detectFormat, parseApiDocument, type ApiDocument } from '../model/apiDocument';
import { fixesInPlace } from '../services/partContext';
import { fixText, type FixOutcome } from '../services/fixPasses';
import type { LanguageSettings } from '../services/validationTypes';
import { uriFileName } from '../model/refUri';

/**
 * `apigw lint --fix` in the files the definitions reference: a path item kept in `paths/pets.yaml` holds findings of
 * a definition's check, not of its own. The fixes applied there are those the editor offers in such a file, which
 * replace the text found and nothing else (`fixesInPlace`); each pass is checked by checking the definition again
 * with the file's new text.
 */

/** A definition as the run checks it: its text after its own fixes. */
export interface CheckedDefinition {
  uri: string;
  text: string;
}

/** The files the fixes read and the texts that stand in for them. */
export interface PartFiles {
  /** The file as read from disk, or undefined when it cannot be read. */
  read(uri: string): Promise<{ text: string } | undefined>;
  /** Texts that stand in for files while their fixes are worked out and after: later checks read these. */
  overlay: Map<string, ApiDocument>;
  /** The definitions whose checks read the file. */
  dependentsOf(uri: string): string[];
}

/** The fixes worked out for one referenced file, or why it was left as it is. */
export type FixedPart = { uri: string; original: string; outcome: FixOutcome } | { uri: string; notFixed: string };

/** Versions of the definitions' documents past any the run made before: each check is of a new version. */
let nextVersion = 1_000_000;

/**
 * Works out the fixes of every referenced file with findings, checked with the definition that uses it; the files
 * `own` names are fixed on their own (definitions named on the command line). A file two definitions of the run use
 * is left as it is: a fix right for one (a validator's name) may be wrong for the other. The overlay then holds the
 * fixed texts, and `elsewhere` what the definitions last found with them.
 */
export async function fixReferencedFiles(service: LanguageService, settings: LanguageSettings, definitions: CheckedDefinition[], elsewhere: Map<string, FileDiagnostics[]>, files: PartFiles, own: (uri: string) => boolean): Promise<FixedPart[]> {
  const users = new Map<string, CheckedDefinition[]>();
  for (const definition of definitions) {
    for (const { uri, diagnostics } of elsewhere.get(definition.uri) ?? []) {
      if (diagnostics.length && !own(uri)) users.set(uri, []);
    }
  }
  // Every definition of the run that reads the file counts, whether or not it finds anything there.
  for (const [uri, using] of users) {
    const readers = new Set(files.dependentsOf(uri));
    using.push(...definitions.filter((d) => readers.has(d.uri)));
  }
  const fixed: FixedPart[] = [];
  for (const [uri, using] of users) {
    if (using.length === 0) continue;
    if (using.length > 1) {
      fixed.push({ uri, notFixed: `${using.length} definitions use it (${using.map((d) => uriFileName(d.uri)).join(', ')}), and a fix may suit one and not the other; fix it in the editor` });
      continue;
    }
    const [definition] = using;
    const read = await files.read(uri);
    if (!read) continue;
    const language = detectFormat(uri, undefined, read.text);
    try {
      const outcome = await fixText(read.text, {
        document: (text, version) => TextDocument.create(uri, language, version, text),
        check: async (part) => {
          files.overlay.set(uri, parseApiDocument(part));
          return (await recheck(service, settings, definition, elsewhere)).find((found) => found.uri === uri)?.diagnostics ?? [];
        },
        codeActions: (part, diagnostic: Diagnostic) => fixesInPlace(service.getCodeActions(part, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }, settings), uri),
      });
      files.overlay.set(uri, parseApiDocument(TextDocument.create(uri, language, 0, outcome.text)));
      if (outcome.text !== read.text) fixed.push({ uri, original: read.text, outcome });
    } catch (error) {
      // The file keeps its text and its findings as the definition's last check found them.
      files.overlay.delete(uri);
      await recheck(service, settings, definition, elsewhere);
      fixed.push({ uri, notFixed: `its fixes could not be worked out (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return fixed;
}

/** Checks a definition again as the overlay has its files now, and keeps what it finds in them. */
export async function recheck(service: LanguageService, settings: LanguageSettings, definition: CheckedDefinition, elsewhere: Map<string, FileDiagnostics[]>): Promise<FileDiagnostics[]> {
  const document = TextDocument.create(definition.uri, detectFormat(definition.uri, undefined, definition.text), nextVersion++, definition.text);
  const checked = await service.doValidationByFile(document, settings);
  elsewhere.set(definition.uri, checked.elsewhere);
  return checked.elsewhere;
}
