import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import { findTemplateMember } from '../../../server/src/facts/templateVariables';
import { createLanguageService } from '../../../server/src/languageService';
import { signatureHelpInStandaloneTemplate, signatureHelpInTemplate } from '../../../server/src/services/templates/templateSignatureHelp';
import { JAVA_VALUE_METHODS, javaMethodSignature } from '../../../server/src/services/templates/javaValueMethods';
import { block, jsonPetStore, petStore } from './fixtures';
import { parseDocument, withCursor } from './support';

function help(marked: string, uri?: string, previous?: SignatureHelp): SignatureHelp | undefined {
  const { text, offset } = withCursor(marked);
  return signatureHelpInTemplate(parseDocument(text, uri), offset, previous);
}

function standalone(marked: string, fileName = 'request.vtl', previous?: SignatureHelp): SignatureHelp | undefined {
  const { text, offset } = withCursor(marked);
  return signatureHelpInStandaloneTemplate(text, offset, fileName, previous);
}

/** The active signature's label with the active parameter in brackets: `$util.urlEncode([String text]): String`. */
function shown(found: SignatureHelp | undefined): string {
  assert.ok(found, 'signature help');
  const signature = found.signatures[found.activeSignature ?? 0];
  const parameter = signature.parameters?.[found.activeParameter ?? 0];
  if (!parameter) return signature.label;
  assert.ok(Array.isArray(parameter.label));
  const [start, end] = parameter.label;
  return `${signature.label.slice(0, start)}[${signature.label.slice(start, end)}]${signature.label.slice(end)}`;
}

function documentation(signature: SignatureInformation): string {
  const doc = signature.documentation as MarkupContent;
  assert.equal(doc.kind, 'markdown');
  return doc.value;
}

describe('template signature help', () => {
  describe('catalog methods', () => {
    it('shows the signature, doc and docs link of a $util method, as the catalog has them', () => {
      const found = help(petStore('$util.escapeJavaScript(‸)'));
      const member = findTemplateMember(['util', 'escapeJavaScript'])!;
      assert.equal(found?.signatures.length, 1);
      assert.equal(found.signatures[0].label, `$util.${member.signature}`);
      assert.equal(shown(found), '$util.escapeJavaScript([String text]): String');
      assert.equal(documentation(found.signatures[0]), `${member.doc}\n\n[Documentation](${member.docsUrl})`);
      assert.match(documentation(found.signatures[0]), /\[Documentation\]\(https:\/\/docs\.aws\.amazon\.com\/.*#util-template-reference\)/);
    });

    it("shows each parameter's doc", () => {
      const found = help(petStore(`"$input.path(‸'$.pet')"`));
      assert.equal(shown(found), '$input.path([String path]): Object');
      const parameter = found!.signatures[0].parameters![0];
      assert.deepEqual(parameter.documentation, { kind: 'markdown', value: findTemplateMember(['input', 'path'])!.params![0].doc });
    });

    it('offers both forms of $input.params, the one taking a name first while no argument rules it out', () => {
      const found = help(petStore('"$input.params(‸)"'));
      assert.deepEqual(found?.signatures.map((s) => s.label), ['$input.params(): Object', '$input.params(String name): Object']);
      assert.equal(shown(found), '$input.params([String name]): Object');
      assert.match(documentation(found.signatures[0]), /Without an argument/);
      assert.ok(found.signatures[1].parameters![0].documentation);
      assert.equal(shown(help(petStore(`"$input.params('pet‸Id')"`))), '$input.params([String name]): Object');
    });

    it('keeps the form the editor shows while it takes the arguments written', () => {
      const first = help(petStore('"$input.params(‸)"'))!;
      const chosen = { ...first, activeSignature: 0 };
      assert.equal(shown(help(petStore('"$input.params(‸)"'), undefined, chosen)), '$input.params(): Object');
      assert.equal(shown(help(petStore(`"$input.params('a‸')"`), undefined, chosen)), '$input.params([String name]): Object');
      // The help of another method says nothing of this one's forms.
      const other = help(petStore('$util.urlEncode(‸)'))!;
      assert.equal(help(petStore('"$input.params(‸)"'), undefined, other)?.activeSignature, 1);
    });

    it('follows the cursor from argument to argument, past the last parameter too', () => {
      assert.equal(help(petStore(`"$util.urlEncode('a'‸, 'b')"`))?.activeParameter, 0);
      const second = help(petStore(`"$util.urlEncode('a', ‸'b')"`));
      assert.equal(second?.activeParameter, 1);
      // No parameter is highlighted: the call has one argument too many.
      assert.equal(second.signatures[0].parameters!.length, 1);
    });

    it('past the parameters of every form, shows the form taking the most, the one chosen before or not, with the index past its parameters', () => {
      const extra = `"$input.params('a', ‸'b')"`;
      const found = help(petStore(extra))!;
      assert.equal(found.activeSignature, 1);
      assert.equal(found.activeParameter, 1);
      // The true index: no parameter is highlighted, rather than the last one claiming the extra argument.
      assert.equal(shown(found), '$input.params(String name): Object');
      const chosenEmpty = { ...help(petStore('"$input.params(‸)"'))!, activeSignature: 0 };
      assert.equal(help(petStore(extra), undefined, chosenEmpty)?.activeSignature, 1);
      assert.equal(help(petStore(extra), undefined, found)?.activeSignature, 1);
      // Back on the first argument, the form chosen before that has a parameter there is kept.
      assert.equal(shown(help(petStore(`"$input.params('‸a', 'b')"`), undefined, found)), '$input.params([String name]): Object');
    });

    it('on a retrigger, leaves the form chosen before once it has no parameter at the cursor', () => {
      const chosenEmpty = { ...help(petStore('"$input.params(‸)"'))!, activeSignature: 0 };
      // The call is complete for the form taking none while nothing is written.
      assert.equal(help(petStore('"$input.params( ‸ )"'), undefined, chosenEmpty)?.activeSignature, 0);
      for (const call of [`"$input.params('a‸')"`, `"$input.params(‸'a')"`]) {
        assert.equal(shown(help(petStore(call), undefined, chosenEmpty)), '$input.params([String name]): Object', call);
      }
    });

    it('is not offered in gateway response templates, which call no method', () => {
      assert.equal(standalone('$util.urlEncode(‸)', 'gateway-response-4xx.vtl'), undefined);
      assert.ok(standalone('$util.urlEncode(‸)', 'response.vtl'));
    });
  });

  describe('where the template is written', () => {
    it('works in YAML plain, single- and double-quoted scalars', () => {
      assert.equal(shown(help(petStore('$util.base64Encode(‸'))), '$util.base64Encode([String text]): String');
      assert.equal(shown(help(petStore(`'{"a": "$input.params(''na,me''‸)"}'`))), '$input.params([String name]): Object');
      assert.equal(shown(help(petStore(`'{"a": $util.urlEncode(''x'', ‸)}'`))).includes('urlEncode'), true);
      assert.equal(help(petStore(`'{"a": $util.urlEncode(''x'', ‸)}'`))?.activeParameter, 1);
      assert.equal(shown(help(petStore(`"{\\"a\\": \\"$util.urlDecode($input.params(\\"a,b\\")‸)\\"}"`))), '$util.urlDecode([String text]): String');
      assert.equal(help(petStore(`"$util.urlEncode(\\"a,b\\", \\"‸\\")"`))?.activeParameter, 1);
    });

    it('works in YAML block scalars, on any line of a call', () => {
      assert.equal(shown(help(petStore(block('#set($a = 1)', '{', '  "n": "$util.escapeJavaScript(‸$a)"', '}')))), '$util.escapeJavaScript([String text]): String');
      const multiline = help(petStore(block('$util.escapeJavaScript($input.path(', "  '$.pet',", '  ‸', '))')));
      assert.equal(shown(multiline), '$input.path(String path): Object');
      assert.equal(multiline?.activeParameter, 1);
    });

    it('works in JSON strings, read through their escapes', () => {
      const json = (marked: string) => help(jsonPetStore(marked), 'file:///api.json');
      assert.equal(shown(json(`{\\"a\\": \\"$util.urlEncode($input.params(\\"a,b\\")‸)\\"}`)), '$util.urlEncode([String text]): String');
      assert.equal(shown(json(`{\\"a\\": $input.json(\\"$.p‸et\\")}`)), '$input.json([String path]): String');
      // A JSON escape before the cursor shifts the template's offsets from the document's.
      assert.equal(json(`$util.urlEncode(\\"x\\ny,(\\", \\"‸\\")`)?.activeParameter, 1);
      assert.equal(json(`$util.urlEncode(\\"x\\ny,(‸\\", \\"\\")`)?.activeParameter, 0);
      assert.equal(json(`$util.urlEncode(\\"a\\")‸`), undefined);
    });

    it('works in standalone templates', () => {
      assert.equal(shown(standalone('#set($n = $input.params(‸))')), '$input.params([String name]): Object');
      assert.equal(shown(standalone('{"n": "$util.escapeJavaScript($input.params(\'n\')).replaceAll("\\\\\'", ‸"\'")"}')), 'String.replaceAll(String regex, [String replacement]): String');
    });

    it('is undefined outside templates', () => {
      const { text, offset } = withCursor(petStore('"$util.urlEncode($input.body)"').replace('description: created', 'description: f(a, ‸b)'));
      assert.equal(signatureHelpInTemplate(parseDocument(text), offset), undefined);
    });
  });

  describe('which call and which argument', () => {
    it('takes the innermost call holding the cursor', () => {
      assert.equal(shown(standalone('$util.escapeJavaScript($input.params(‸))')), '$input.params([String name]): Object');
      assert.equal(shown(standalone(`$util.escapeJavaScript($input.params('a')‸)`)), '$util.escapeJavaScript([String text]): String');
      assert.equal(shown(standalone(`$util.escapeJavaScript(‸$input.params('a'))`)), '$util.escapeJavaScript([String text]): String');
    });

    it('counts only the commas of the call itself', () => {
      const replaceAll = (args: string) => standalone(`$util.escapeJavaScript($a).replaceAll(${args})`)?.activeParameter;
      assert.equal(replaceAll(`'a,b'‸`), 0);
      assert.equal(replaceAll(`"a,(b", ‸"c"`), 1);
      assert.equal(replaceAll(`"it''s, (", ‸`), 1);
      assert.equal(replaceAll(`$util.urlEncode('x', 'y')‸`), 0);
      assert.equal(replaceAll(`[1, 2]‸, 'x'`), 0);
      assert.equal(replaceAll(`{'a': 1, 'b': 2}, ‸`), 1);
      assert.equal(replaceAll(`($a, $b)‸`), 0);
      assert.equal(replaceAll(`$m['x,y'], ‸`), 1);
      // A comma inside a string is not a separator, even where the cursor stands in the string.
      assert.equal(replaceAll(`'a,‸b'`), 0);
    });

    it('passes over the commas of comments between arguments', () => {
      assert.equal(standalone(`$util.urlEncode('a' ## c, d\n, ‸)`)?.activeParameter, 1);
      assert.equal(standalone(`$util.urlEncode('a' ## c, d‸\n, 'b')`)?.activeParameter, 0);
      assert.equal(standalone(`$util.urlEncode('a' #* c, d *#, ‸)`)?.activeParameter, 1);
      assert.equal(standalone(`$util.urlEncode('a' #* c, *# , 'b' ## e, f\n, ‸)`)?.activeParameter, 2);
      // Inside a string, `##` starts no comment.
      assert.equal(standalone(`$util.escapeJavaScript($a).replaceAll('##', ‸)`)?.activeParameter, 1);
      // A form is chosen by the arguments written, the commented ones left out.
      const params = standalone(`$input.params(## a, b\n‸)`);
      assert.equal(shown(params), '$input.params([String name]): Object');
    });

    it('ends at the closing parenthesis', () => {
      assert.ok(standalone('$util.urlEncode($a‸)'));
      assert.equal(standalone('$util.urlEncode($a)‸'), undefined);
      assert.equal(standalone('$util.urlEncode($a) ‸'), undefined);
      assert.equal(standalone('$util.urlEncode‸($a)'), undefined);
      assert.equal(standalone('#if($util.urlEncode($a) == ‸'), undefined);
    });

    it('is undefined for a method it does not know', () => {
      assert.equal(standalone('$util.escapeJS(‸)'), undefined);
      assert.equal(standalone('$foo.bar(‸)'), undefined);
      assert.equal(standalone('$util(‸)'), undefined);
      assert.equal(standalone('$input.body(‸)'), undefined);
      assert.equal(standalone('#foreach(‸'), undefined);
      // The innermost call decides, though the one around it is known.
      assert.equal(standalone('$util.escapeJavaScript($foo.bar(‸))'), undefined);
      assert.equal(standalone('\\$util.urlEncode(‸)'), undefined);
    });
  });

  describe('Java methods of values', () => {
    it('shows the String method called on a $util result', () => {
      const found = standalone('$util.escapeJavaScript($x).replaceAll(‸');
      const method = JAVA_VALUE_METHODS.string.find((m) => m.name === 'replaceAll')!;
      assert.equal(found?.signatures[0].label, `String.${javaMethodSignature(method)}`);
      assert.equal(shown(found), 'String.replaceAll([String regex], String replacement): String');
      assert.equal(documentation(found.signatures[0]), method.doc);
      assert.equal(standalone('$util.escapeJavaScript($x).replaceAll("a", ‸')?.activeParameter, 1);
    });

    it('shows the methods of payload values the schema describes', () => {
      const template = (line: string) => help(petStore(block("#set($pet = $input.path('$.pet'))", line)));
      assert.equal(shown(template('$pet.name.substring(0, ‸)')), 'String.substring(int beginIndex, [int endIndex]): String');
      assert.equal(shown(template('$pet.tags.get(‸)')), 'List.get([int index]): Object');
      assert.equal(shown(template('$pet.containsKey(‸)')), 'Map.containsKey([Object key]): boolean');
      assert.equal(shown(help(petStore(block("$input.path('$.pet').name.startsWith(‸)")))), 'String.startsWith([String prefix]): boolean');
    });

    it('is undefined where the shape of the receiver is unknown, or the method is not one of its', () => {
      assert.equal(standalone('$x.replaceAll(‸'), undefined);
      assert.equal(standalone("#set($pet = $input.path('$.pet'))\n$pet.get(‸"), undefined);
      assert.equal(standalone('$util.escapeJavaScript($x).frobnicate(‸'), undefined);
    });
  });

  describe('through the language service', () => {
    it('answers for definitions and standalone templates', async () => {
      const service = createLanguageService({ log: () => undefined });
      const { text, offset } = withCursor(petStore('"$util.urlEncode(‸)"'));
      const document = TextDocument.create('file:///api.yaml', 'yaml', 1, text);
      assert.equal(shown((await service.doSignatureHelp(document, document.positionAt(offset))) ?? undefined), '$util.urlEncode([String text]): String');
      assert.equal(await service.doSignatureHelp(document, { line: 0, character: 3 }), null);
      const template = TextDocument.create('untitled:Untitled-1', 'vtl', 1, '$input.path(');
      assert.equal(shown((await service.doSignatureHelp(template, { line: 0, character: 12 })) ?? undefined), '$input.path([String path]): Object');
    });

    it('over the size limit, reads the last parsed version only where the edit since has not touched the template', async () => {
      const service = createLanguageService({ log: () => undefined });
      const settings = { maxValidationSize: 500 };
      const { text, offset } = withCursor(petStore('"$util.urlEncode(‸)"'));
      const document = TextDocument.create('file:///large.yaml', 'yaml', 1, text);
      await service.doValidation(document, settings);
      // An edit elsewhere: the template reads as it did.
      const elsewhere = text.indexOf('description: created');
      TextDocument.update(document, [{ range: { start: document.positionAt(elsewhere), end: document.positionAt(elsewhere) }, text: 'x' }], 2);
      assert.equal(shown((await service.doSignatureHelp(document, document.positionAt(offset + 1))) ?? undefined), '$util.urlEncode([String text]): String');
      // An edit in the template: its earlier text would give wrong arguments.
      TextDocument.update(document, [{ range: { start: document.positionAt(offset + 1), end: document.positionAt(offset + 1) }, text: "'a', " }], 3);
      assert.equal(await service.doSignatureHelp(document, document.positionAt(offset + 6)), null);
    });
  });
});
