import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, type ApiDocument } from '../../server/src/model/apiDocument';
import type { DocumentResolver } from '../../server/src/services/validationTypes';

/** A definition whose one path item lives in `paths/pets.yaml`. */
export const SPLIT_API = `openapi: 3.0.1
info: {title: split, version: '1'}
x-amazon-apigateway-request-validators:
  all: {validateRequestBody: true}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
`;

/** The path item of `SPLIT_API`, which names its validator misspelt (`al`, line 1). */
export const PETS_PATH_ITEM = `get:
  x-amazon-apigateway-request-validator: al
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: http_proxy
    httpMethod: GET
    uri: https://example.com/pets
`;

export function parsedAt(uri: string, text: string): ApiDocument {
  return parseApiDocument(TextDocument.create(uri, uri.endsWith('.json') ? 'json' : 'yaml', 1, text));
}

/** Files by URI, read as the editor's resolver reads them; `reads` lists each read. */
export function filesResolver(files: Record<string, string>, reads: string[] = []): DocumentResolver {
  return {
    async resolve(base, ref) {
      const uri = new URL(ref.split('#')[0], base).href;
      reads.push(uri);
      const text = files[uri];
      return text === undefined ? undefined : parsedAt(uri, text);
    },
  };
}
