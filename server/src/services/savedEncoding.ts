import type { DocumentResolver, Problem } from './validationTypes';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The editor shows the bytes it cannot read as UTF-8 as U+FFFD, so converting starts with reading them right. */
const HOW_TO_CONVERT =
  'To convert it in VS Code, click the encoding in the status bar: if characters show as \uFFFD, first "Reopen with Encoding" in the encoding it was written in (such as Western (Windows 1252)), then "Save with Encoding" → UTF-8.';

/**
 * The saved file's encoding as a finding on the open document, at the first byte that is not UTF-8. A binary file is
 * found in the editor's own text (NUL characters), so only text in another encoding is reported here.
 */
export async function savedEncodingProblem(uri: string, text: string, resolver: DocumentResolver | undefined): Promise<Problem | undefined> {
  const found = await resolver?.savedEncoding?.(uri);
  if (!found || found.code !== 'not-utf8') return undefined;
  // Line breaks are the same bytes in UTF-8 and in the encodings editors offer, so the line holds in either reading.
  // A byte order mark takes no column of the first line.
  const bom = found.line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const offset = TextDocument.create(uri, 'plaintext', 0, text).offsetAt({ line: found.line, character: found.character + bom });
  return {
    offset,
    end: Math.min(text.length, offset + 1),
    code: found.code,
    message: `${found.message.replace(/\s*Save it as UTF-8\.$/, '')} ${HOW_TO_CONVERT}`,
  };
}
