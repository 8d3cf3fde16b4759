import { usesOf } from '../services/ignoredFindings';
import type { LanguageSettings } from '../services/validationTypes';

/**
 * The entries of `apigateway.validation.ignore` that silenced nothing in a file they name among those checked: their
 * pointer names no node there (the definition changed under it), or nothing of their codes is reported within that
 * node (the finding was fixed). Each would silence a later finding nobody meant to hide; files not checked say nothing.
 */
export function staleIgnoreNotes(settings: LanguageSettings, shownAs: string, nameOf: (uri: string) => string) {
  const notes: string[] = [];
  for (const scope of settings.ignore ?? []) {
    scope.entries.forEach((entry, i) => {
      const key = `${shownAs}: apigateway.validation.ignore[${i}]`;
      for (const [uri, use] of usesOf(entry)) {
        if (use.used) continue;
        const file = nameOf(uri);
        const what = entry.codes ? `nothing of ${entry.codes.join(', ')}` : 'nothing';
        const at = pointerShown(entry.at);
        const why = use.found ? `${what} is reported within ${at} in ${file}` : `${file} has no node at ${at}`;
        notes.push(`${key} is stale: ${why}; it silences nothing there`);
      }
    });
  }
  return notes;
}

/** The empty pointer names the whole document, which a blank in a message would not say. */
function pointerShown(pointer: string): string {
  return pointer === '' ? '"" (the whole document)' : pointer;
}
