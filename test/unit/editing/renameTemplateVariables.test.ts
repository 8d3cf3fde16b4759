import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { withRecoveredTree, type ApiDocument } from '../../../server/src/model/apiDocument';
import { prepareRename, rename, RenameError } from '../../../server/src/services/rename';
import { templateAtOffset } from '../../../server/src/services/templates/locate';
import { renameInTemplate, prepareRenameInStandaloneTemplate, renameInStandaloneTemplate } from '../../../server/src/services/templates/templateVariableRename';
import { applyEdits, parse, textAt, withCursor } from './documents';

const CURSOR = '‸';

function operation(templates: string[]): string {
  return ['openapi: 3.0.1', 'paths:', '  /p:', '    post:', '      x-amazon-apigateway-integration:', '        type: aws', '        requestTemplates:', ...templates, ''].join('\n');
}

function applied(document: ApiDocument, edit: WorkspaceEdit): string {
  return applyEdits(document, (edit.changes?.[document.uri] ?? []) as TextEdit[]);
}

/** The text after renaming the variable at the cursor, checking that the result still parses. */
async function renamed(marked: string, newName: string, format: 'yaml' | 'json' = 'yaml'): Promise<string> {
  const { document, offset } = withCursor(marked, format, CURSOR);
  const text = applied(document, await rename(document, offset, newName));
  assert.deepEqual(parse(text, format).problems, []);
  return text;
}

function prepared(marked: string, format: 'yaml' | 'json' = 'yaml'): { text: string; placeholder: string } | undefined {
  const { document, offset } = withCursor(marked, format, CURSOR);
  const found = prepareRename(document, offset);
  return found && { text: textAt(document.textDocument, found.range), placeholder: found.placeholder };
}

async function refusal(marked: string, newName: string, format: 'yaml' | 'json' = 'yaml'): Promise<string> {
  const { document, offset } = withCursor(marked, format, CURSOR);
  try {
    await rename(document, offset, newName);
  } catch (error) {
    assert.ok(error instanceof RenameError, String(error));
    return error.message;
  }
  assert.fail('the rename was not refused');
}

function vtl(text: string): TextDocument {
  return TextDocument.create('file:///t.vtl', 'vtl', 1, text);
}

function renamedStandalone(marked: string, newName: string): string {
  const offset = marked.indexOf(CURSOR);
  const document = vtl(marked.replace(CURSOR, ''));
  const edits = (renameInStandaloneTemplate(document, offset, newName).changes?.[document.uri] ?? []) as TextEdit[];
  return TextDocument.applyEdits(document, edits);
}

describe('rename of template variables', () => {
  const BLOCK = operation([
    '          application/json: |',
    "            #set($r = $input.path('$'))",
    '            #foreach($item in $r.items)',
    '              {"n": "$item.name", "r": "$!r", "b": "${r}", "c": "${r.count}"}',
    '            #end',
    '            #set($r.x = $‸r)',
    '          text/plain: $r',
  ]);

  it('offers the name alone, without its $, $! or {', () => {
    assert.deepEqual(prepared(BLOCK), { text: 'r', placeholder: 'r' });
    assert.deepEqual(prepared(BLOCK.replace('‸', '').replace('"$!r"', '"$!‸r"')), { text: 'r', placeholder: 'r' });
    assert.deepEqual(prepared(BLOCK.replace('‸', '').replace('"${r}"', '"‸${r}"')), { text: 'r', placeholder: 'r' });
  });

  it('offers nothing off a variable inside a template', () => {
    assert.equal(prepared(BLOCK.replace('‸', '').replace('$item.name', '$item.na‸me')), undefined);
    assert.equal(prepared(BLOCK.replace('‸', '').replace('#end', '#e‸nd')), undefined);
  });

  it('renames every reference form in a block scalar, and leaves another template of the operation alone', async () => {
    assert.equal(
      await renamed(BLOCK, 'total'),
      operation([
        '          application/json: |',
        "            #set($total = $input.path('$'))",
        '            #foreach($item in $total.items)',
        '              {"n": "$item.name", "r": "$!total", "b": "${total}", "c": "${total.count}"}',
        '            #end',
        '            #set($total.x = $total)',
        '          text/plain: $r',
      ]),
    );
  });

  it('renames a loop variable and a macro parameter', async () => {
    const loop = BLOCK.replace('‸', '').replace('$item in', '$it‸em in');
    assert.match(await renamed(loop, 'entry'), /#foreach\(\$entry in \$r\.items\)\n {14}\{"n": "\$entry\.name"/);
    assert.equal(renamedStandalone('#macro(row $c‸ell)$cell#end #@row($cell)#end', 'value'), '#macro(row $value)$value#end #@row($cell)#end');
  });

  it("renames a macro parameter only up to the macro's #end, and a variable of the same name outside apart from it", () => {
    const template = '#set($a = 1)$a #macro(m $a)[$a $b]#end #m($a) $a';
    assert.equal(renamedStandalone(template.replace('[$a', '[$‸a'), 'x'), '#set($a = 1)$a #macro(m $x)[$x $b]#end #m($a) $a');
    assert.equal(renamedStandalone(template.replace('#m($a)', '#m($‸a)'), 'x'), '#set($x = 1)$x #macro(m $a)[$a $b]#end #m($x) $x');
    // In the body, a name that is no parameter of the macro is the template's variable.
    assert.equal(renamedStandalone(template.replace(' $b]', ' $‸b]') + ' $b', 'y'), '#set($a = 1)$a #macro(m $a)[$a $y]#end #m($a) $a $y');
    // A macro whose #end is missing keeps its parameters to the end of the text.
    assert.equal(renamedStandalone('#macro(m $a)$a $‸a', 'x'), '#macro(m $x)$x $x');
  });

  it('renames in a plain scalar folded over two lines', async () => {
    const text = operation(['          text/plain: $‸v and $!v', '            then ${v}.']);
    assert.equal(await renamed(text, 'value'), operation(['          text/plain: $value and $!value', '            then ${value}.']));
  });

  it('renames in a single-quoted scalar with doubled quotes', async () => {
    const text = operation(["          application/json: '#set($v = ''x'')$‸v ''$v'' \"$v\"'"]);
    assert.equal(await renamed(text, 'value'), operation(["          application/json: '#set($value = ''x'')$value ''$value'' \"$value\"'"]));
  });

  it('maps through the escapes of a double-quoted scalar', async () => {
    const text = operation(['          application/json: "{\\"a\\": \\"$x\\"}\\n#set($x = 1)\\n$‸x"']);
    assert.equal(await renamed(text, 'count'), operation(['          application/json: "{\\"a\\": \\"$count\\"}\\n#set($count = 1)\\n$count"']));
  });

  it('maps through the escapes of a JSON string', async () => {
    const api = (template: string) =>
      JSON.stringify({ openapi: '3.0.1', paths: { '/p': { post: { 'x-amazon-apigateway-integration': { type: 'aws', requestTemplates: { 'application/json': template, 'text/plain': '$v' } } } } } }, null, 2);
    const text = api('#set($v = "\\"")\n{"v": "$v", "w": "$!{v}"}').replace('"$v,', `"$${CURSOR}v,`).replace('\\"$v\\"', `\\"$${CURSOR}v\\"`);
    assert.equal(await renamed(text, 'quote', 'json'), api('#set($quote = "\\"")\n{"v": "$quote", "w": "$!{quote}"}'));
  });

  it('renames in a template of its own file, leaving comments and escaped references', () => {
    assert.equal(renamedStandalone('#foreach($i in [1, 2])\n$‸i ${i} $!i "$i"\n#end\n## $i\n\\$i', 'n'), '#foreach($n in [1, 2])\n$n ${n} $!n "$n"\n#end\n## $i\n\\$i');
    const document = vtl('#set($total = 1)\n$!{total}');
    const found = prepareRenameInStandaloneTemplate(document, document.getText().indexOf('{total') + 2);
    assert.equal(found && textAt(document, found.range), 'total');
    assert.equal(prepareRenameInStandaloneTemplate(document, 1), undefined);
  });

  it('answers no edits for the same name', async () => {
    const { document, offset } = withCursor(BLOCK, 'yaml', CURSOR);
    assert.deepEqual(await rename(document, offset, 'r'), { changes: {} });
  });

  describe('refusals', () => {
    it('refuses names that are not Velocity identifiers', async () => {
      for (const name of ['1r', 'a b', 'a-', 'é', '', 'a.b']) assert.match(await refusal(BLOCK, name), /is not a valid variable name/, name);
      assert.match(await refusal(BLOCK, '$total'), /without its '\$'/);
      assert.throws(() => renameInStandaloneTemplate(vtl('#set($a = 1)$a'), 6, 'a{b'), /is not a valid variable name/);
    });

    it('refuses to rename what API Gateway or Velocity sets', async () => {
      assert.match(await refusal(BLOCK.replace('‸', '').replace('$input', '$in‸put'), 'body'), /'\$input' is set by API Gateway/);
      const template = (marked: string) => {
        const offset = marked.indexOf(CURSOR);
        return () => prepareRenameInStandaloneTemplate(vtl(marked.replace(CURSOR, '')), offset);
      };
      assert.throws(template('#foreach($a in [1])$fore‸ach.count $velocityCount#end'), /'\$foreach' is set by Velocity in each #foreach/);
      assert.throws(template('#foreach($a in [1])$velocity‸Count#end'), /'\$velocityCount' is set by Velocity/);
      assert.throws(template('$‸util.escapeJavaScript($a)'), /'\$util' is set by API Gateway/);
      assert.throws(template('#macro(m)$body‸Content#end'), /'\$bodyContent' is set by Velocity in a macro's body/);
    });

    it('refuses a name that another variable of the template or a built-in already has', async () => {
      assert.match(await refusal(BLOCK, 'item'), /'\$item' is already used in this template; renaming '\$r' to it would merge the two variables/);
      assert.match(await refusal(BLOCK, 'context'), /'\$context' is set by API Gateway; renaming '\$r' to it would hide it/);
      assert.match(await refusal(BLOCK, 'foreach'), /'\$foreach' is set by Velocity/);
      assert.throws(() => renameInStandaloneTemplate(vtl('#set($a = 1)$a $b'), 6, 'b'), /already used/);
    });

    it('takes a variable of another template of the same operation as a free name', async () => {
      const text = operation(['          application/json: "#set($a = 1)$‸a"', "          text/plain: '$b'"]);
      assert.equal(await renamed(text, 'b'), operation(['          application/json: "#set($b = 1)$b"', "          text/plain: '$b'"]));
    });

    it('refuses a template whose positions are approximate', async () => {
      const { document, offset } = withCursor(BLOCK, 'yaml', CURSOR);
      const template = templateAtOffset(document, offset)!;
      const approximate = Object.create(template, { exactOffsets: { value: false } });
      assert.throws(() => renameInTemplate(document, approximate, offset, 'total'), /could not be worked out exactly/);
    });

    it('refuses in a document with a syntax error', async () => {
      const text = operation(['          application/json: "#set($a = 1)$a"']).replace('paths:', 'info: {title: t\nbroken: [\npaths:');
      const document = withRecoveredTree(parse(text));
      assert.ok(document.recovered);
      const offset = text.indexOf('$a"') + 1;
      assert.ok(templateAtOffset(document, offset));
      await assert.rejects(rename(document, offset, 'b'), /syntax error on line \d+; fix it first, so that every reference to '\$a' in its template can be found/);
    });

    it('refuses a name written with an escape of its string', async () => {
      const text = operation(['          application/json: "#set($‸r = 1)$\\x72"']);
      assert.match(await refusal(text, 'total'), /'\$r' on line 8 is written with escapes in its string; write the name plainly first/);
    });

    it('refuses off a variable inside a template', async () => {
      assert.match(await refusal(BLOCK.replace('‸', '').replace('#end', '#e‸nd'), 'x'), /only variables can be renamed/);
      assert.throws(() => renameInStandaloneTemplate(vtl('plain text'), 2, 'x'), /only variables can be renamed/);
    });
  });
});
