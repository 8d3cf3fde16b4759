/**
 * Mapping templates made from a fixed seed, the way users write them: lines of JSON-like text around references to
 * `$input`, `$util`, `$context` and `$stageVariables`, `#set`, `#if`/`#elseif`/`#else`, `#foreach` with `$foreach`
 * and `#break`, macros, comments and escapes, composite keys (`"$a#$b"`), indented, with LF or CRLF line ends.
 * Hand-picked cases cover what someone thought of; these cover the combinations (the blanks and line ends around
 * directives, what follows what), and comparing them with Velocity found several of the cases in randomTemplates.ts.
 * Left out, as the other cases leave them out: comparisons of a missing value with '' (API Gateway's own rule, see
 * directives.ts), `$input.json` of a path that leads nowhere (a choice of the Java model), and the request id
 * (random).
 */
import type { OracleTestCase } from '../oracleCase';
import { seededRandom } from '../../support/seededRandom';

const BODY = JSON.stringify({
  name: 'O\'Brien "x"',
  id: 42,
  price: 9.5,
  tags: ['a', 'b'],
  items: [{ name: 'n1', qty: 2 }, { name: 'n2', qty: 0 }],
  nested: { flag: true, none: null },
  empty: [],
  text: 'line1\nline2',
});

const PATHS = ["'$'", "'$.name'", "'$.id'", "'$.price'", "'$.tags'", "'$.items'", "'$.items[0].name'", "'$.nested'", "'$.nested.flag'", "'$.nested.none'", "'$.empty'", "'$.text'", "'$.items[*].qty'"];
const LOOPED = ["$input.path('$.items')", "$input.path('$.tags')", '$list', '$map.keySet()', "$input.path('$.empty')", '[1..3]', "$input.path('$.missing')"];
const TEXT = ['"a": ', '"b": "', '{', '}', '[', '],', '', '- ', '<x>'];
const AFTER = ['', '"', ',', '}', '"}', ' '];
const LINE_ENDS = ['\n', '\n', '\n', '\r\n', ' \n', '\n\n'];
const ODDMENTS = ['## comment', '#* block *#', '#[[raw $x]]#', '\\$notref', '\\$notref{', '\\$v.name(', '$', '#', '\\#set', '$!{missing}', '${missing}', '## *'];
const CHANGES = ['set($context.responseOverride.status = 400)', 'set($map.k = 2)', 'set($list[0] = 5)', "set($discard = $list.add('z'))", "set($discard = $map.put('j', $count))"];
const PREAMBLE = "#set($count = 1)#set($list = [1, 'two'])#set($map = {'k': 'v'})#set($v = $input.path('$'))";

class TemplateWriter {
  constructor(private readonly random: () => number) {}

  private pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.random() * choices.length)];
  }

  private value(): string {
    return this.pick([
      `$input.path(${this.pick(PATHS)})`, `$input.json(${this.pick(PATHS)})`, "$input.params('id')", '$input.params().path', "$input.params('missing')", '$input.body',
      `$util.escapeJavaScript($input.path(${this.pick(PATHS)}))`, "$util.urlEncode($input.path('$.name'))", "$util.base64Encode('abc')", "$util.parseJson($input.json('$.nested'))",
      '$context.httpMethod', '$context.stage', '$stageVariables.env',
      '$v', '$v.name', '$v.size()', '$count', '$list', '$map', '$map.k', '$list.size()',
      "'lit'", '"dq $v"', '1', '2.5', 'true', '[]', '{}', "[1, 'a']", "{'k': $count}",
    ]);
  }

  private condition(): string {
    const value = this.value();
    return this.pick([value, `${value} == ${this.value()}`, `${value} != 'zz'`, `!${value}`, `${value} > 1`, `${value} && ${this.value()}`, '$list.isEmpty()', '"$!v" == "zz"', "$v.name.startsWith('O')"]);
  }

  private indent(depth: number): string {
    return '  '.repeat(depth);
  }

  line(depth: number): string {
    const r = this.random();
    const end = this.pick(LINE_ENDS);
    const at = this.indent(depth);
    if (r < 0.18) return `${this.pick(['', at])}#set($${this.pick(['v', 'count', 'list', 'map', 'x'])} = ${this.pick([this.value(), `${this.value()} + 1`, '"$!{v}-x"', '$count + 1', '[]', "{'k': 1}"])})${end}`;
    if (r < 0.45) return `${at}${this.pick(TEXT)}${this.value()}${this.pick(AFTER)}${end}`;
    if (r < 0.6 && depth < 3) {
      const elseIf = this.random() < 0.3 ? `${at}#elseif(${this.condition()})\n${this.block(depth + 1)}` : '';
      const otherwise = this.random() < 0.5 ? `${at}#else${this.pick(['\n', ' \n'])}${this.block(depth + 1)}` : '';
      return `${at}#if(${this.condition()})${this.pick(['\n', ' \n'])}${this.block(depth + 1)}${elseIf}${otherwise}${at}#end${end}`;
    }
    if (r < 0.72 && depth < 3) {
      const tail = this.pick(['#if($foreach.hasNext),#end', '', '$velocityCount', '#if($foreach.count > 1)#break#end']);
      return `${at}#foreach($item in ${this.pick(LOOPED)})\n${this.block(depth + 1)}${this.indent(depth + 1)}${tail}\n${at}#end${end}`;
    }
    if (r < 0.76) return `${at}${this.pick(ODDMENTS)}${end}`;
    if (r < 0.78) return `${at}"SK": "${this.value()}#${this.value()}"${end}`;
    if (r < 0.79) return `${at}{"id": ${this.value()}}${this.pick(['  ', '\t', ' '])}#set($x = ${this.value()})${end}`;
    if (r < 0.8) return `${at}#${this.pick(CHANGES)}${end}`;
    if (r < 0.83 && depth < 2) return `#macro(m $p)${this.pick(['[$p]', '$p\n', '#if($p)y#end'])}#end${end}#m(${this.value()})${end}`;
    return `${at}${this.pick(['text', '{"k": "v"}', 'x', '  ', '\t'])}${end}`;
  }

  block(depth: number): string {
    const lines = 1 + Math.floor(this.random() * 3);
    let text = '';
    for (let i = 0; i < lines; i++) text += this.line(depth);
    return text;
  }
}

const SEED = 20261123;
const COUNT = 800;

function generatedCases(): OracleTestCase[] {
  const writer = new TemplateWriter(seededRandom(SEED));
  const cases: OracleTestCase[] = [];
  for (let i = 1; i <= COUNT; i++) {
    cases.push({
      name: `generated template ${i} of seed ${SEED}`,
      template: PREAMBLE + writer.block(0),
      body: BODY,
      params: { path: { id: 'p1' }, querystring: { q: 'a b' }, header: { H: 'h' } },
      stageVariables: { env: 'dev' },
    });
  }
  return cases;
}

export const GENERATED_CASES: OracleTestCase[] = generatedCases();
