import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';

/**
 * The text an editor inserts for a snippet, each placeholder left at its default (a choice at its first value), read
 * strictly by the LSP snippet grammar: a backslash escapes only `$`, `}` and `\` (and `,` or `|` inside a choice), and
 * whatever else the grammar does not allow (a backslash before anything else, a bare `$`, a `}` left unescaped in a
 * placeholder's default, which ends it early) throws.
 */
export function expandSnippet(snippet: string): string {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i} in snippet ${JSON.stringify(snippet)}`);
  };
  const escaped = (allowed: string): string => {
    const next = snippet[i + 1];
    if (next === undefined || !allowed.includes(next)) fail(`backslash before ${JSON.stringify(next ?? 'the end')}`);
    i += 2;
    return next;
  };
  const read = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\') out += escaped('$}\\');
      else if (c === '}' && inPlaceholder) return out;
      else if (c === '$') out += tabstop();
      else {
        out += c;
        i++;
      }
    }
    if (inPlaceholder) fail('unclosed placeholder');
    return out;
  };
  const tabstop = (): string => {
    const rest = snippet.slice(i);
    // `$name` is a variable of the editor's: in the server's snippets it can only be a `$` left unescaped.
    const bare = /^\$\d+/.exec(rest);
    if (bare) {
      i += bare[0].length;
      return '';
    }
    const open = /^\$\{(\d+)([:|}])/.exec(rest);
    if (!open) return fail('unescaped $');
    i += open[0].length;
    if (open[2] === '}') return '';
    if (open[2] === ':') {
      const value = read(true);
      i++;
      return value;
    }
    const choices: string[] = [''];
    while (i < snippet.length && snippet[i] !== '|') {
      if (snippet[i] === '\\') choices[choices.length - 1] += escaped('$}\\,|');
      else if (snippet[i] === ',') {
        choices.push('');
        i++;
      } else choices[choices.length - 1] += snippet[i++];
    }
    if (snippet.slice(i, i + 2) !== '|}') fail('unclosed choice');
    i += 2;
    return choices[0];
  };
  return read(false);
}

/** The text an item inserts in its own range, snippet or not. */
export function insertedText(item: CompletionItem): string {
  const edit = item.textEdit;
  const text = edit && 'newText' in edit ? edit.newText : item.insertText ?? item.label;
  return item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(text) : text;
}
