/** The absolute URI of the file part of a `$ref` (`other.yaml#/components/schemas/Pet` → `file:///…/other.yaml`). */
export function resolveUri(baseUri: string, ref: string): string | undefined {
  const filePart = ref.split('#')[0];
  if (!filePart) return baseUri;
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart) && !filePart.startsWith('file:')) return undefined;
  try {
    return new URL(filePart, baseUri).toString();
  } catch {
    return undefined;
  }
}

/** The JSON pointer of a `$ref` with its leading `#` (`#/components/schemas/Pet`), or undefined for a whole-file `$ref`. */
export function refFragment(ref: string): string | undefined {
  const hash = ref.indexOf('#');
  return hash < 0 ? undefined : ref.slice(hash);
}

/** One URI spelling for comparisons: the editor and `URL` may percent-encode the same file differently. */
export function sameUri(a: string, b: string): boolean {
  return a === b || uriKey(a) === uriKey(b);
}

/**
 * One spelling of a file's URI, whichever wrote it: the editor's (`file:///c%3A/api/pets.yaml`) and Node's
 * (`file:///C:/api/pets.yaml`, as files found on disk are named) differ in escapes and in the drive letter's case. On
 * Windows and macOS, whose file systems ignore letter case, `Paths/Pets.yaml` names `paths/pets.yaml` too.
 */
export function uriKey(uri: string): string {
  let key: string;
  try {
    key = decodeURIComponent(new URL(uri).toString());
  } catch {
    // A malformed escape: the rest of the spelling is still made one.
    key = uri;
  }
  if (!key.startsWith('file:')) return key;
  return IGNORES_CASE ? key.toLowerCase() : key.replace(/^file:\/\/\/([A-Za-z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}:`);
}

const IGNORES_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** The last name of a URI's path, decoded: how messages name a file (`pets.yaml`). */
export function uriFileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * A `$ref` in a text whose value is not a pointer into the same document, as written in YAML or JSON: found in the
 * text, it spares parsing files that reference no other file.
 */
export const REFERENCES_ANOTHER_FILE = /\$ref['"]?[ \t]*:[ \t]*(?:['"](?!#)|(?![ \t'"#]))/;

/** Remote URLs are not fetched; relative paths and `file:` URIs are read (a local pointer `#/...` is one too). */
export function isFileRef(ref: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || ref.startsWith('file:');
}
