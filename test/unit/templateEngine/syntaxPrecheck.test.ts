import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as yaml from 'yaml';
import { parse as velocityParse } from 'velocityjs';
import { checkBlocks, normalizeDirectives, syntaxProblems } from '../../../server/src/template/syntax';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { seededRandom } from '../../support/seededRandom';

const ROOT = path.resolve(__dirname, '../../..');

function findShared(): string | undefined {
  for (let dir = ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    if (existsSync(path.join(candidate, 'corpus', 'vtl-cases.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
const SHARED = process.env.APIGW_CORPUS_DIR ? path.resolve(process.env.APIGW_CORPUS_DIR, '..') : findShared();

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out;
}

/** Every string under a `requestTemplates` or `responseTemplates` map, however deep. */
function templatesInDocument(doc: unknown, out: string[], inTemplates = false): void {
  if (inTemplates && doc && typeof doc === 'object') {
    for (const value of Object.values(doc)) if (typeof value === 'string') out.push(value);
  } else if (Array.isArray(doc)) {
    for (const item of doc) templatesInDocument(item, out, false);
  } else if (doc && typeof doc === 'object') {
    for (const [key, value] of Object.entries(doc)) {
      templatesInDocument(value, out, key === 'requestTemplates' || key === 'responseTemplates');
    }
  }
}

function templatesInDefinitionText(text: string, out: string[]): void {
  for (const parse of [JSON.parse, (t: string) => yaml.parse(t, { uniqueKeys: false, maxAliasCount: -1 })]) {
    try {
      templatesInDocument(parse(text), out);
      return;
    } catch {
      // Not this format; the other parser may read it.
    }
  }
}

function unescapeLiteral(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

/** String literals with a `$` or `#` in the test sources: the templates the tests feed to the engine and the server. */
function templatesInSource(text: string, out: string[]): void {
  const literal = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)`/g;
  for (const m of text.matchAll(literal)) {
    const body = unescapeLiteral(m[1] ?? m[2] ?? m[3] ?? '');
    if (/[$#]/.test(body)) out.push(body);
  }
}

function snippetTemplates(): string[] {
  const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'vtl.json'), 'utf8')) as Record<string, { body: string | string[] }>;
  return Object.values(snippets).map(({ body }) => {
    const text = Array.isArray(body) ? body.join('\n') : body;
    // Tab stops become their default text, as after expanding the snippet.
    let previous: string;
    let expanded = text;
    do {
      previous = expanded;
      expanded = expanded.replace(/(?<!\\)\$\{\d+:([^{}]*)\}/g, '$1').replace(/(?<!\\)\$\{\d+\|([^|]*?)(?:,[^|]*)?\|\}/g, '$1');
    } while (expanded !== previous);
    return expanded.replace(/(?<!\\)\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
  });
}

interface Sources {
  repository: string[];
  corpus: string[];
  cases: string[];
  snippets: string[];
  synthetic: string[];
  examples: string[];
}

function collect(): Sources {
  const repository: string[] = [];
  for (const file of filesUnder(path.join(ROOT, 'test'), /\.(json|ya?ml)$/)) templatesInDefinitionText(readFileSync(file, 'utf8'), repository);
  for (const file of filesUnder(path.join(ROOT, 'test'), /\.(ts|mjs|js)$/)) templatesInSource(readFileSync(file, 'utf8'), repository);
  const examples: string[] = [];
  for (const file of filesUnder(path.join(ROOT, 'examples'), /\.(json|ya?ml)$/)) templatesInDefinitionText(readFileSync(file, 'utf8'), examples);
  const corpus: string[] = [];
  const cases: string[] = [];
  const synthetic: string[] = [];
  if (SHARED) {
    for (const file of filesUnder(path.join(SHARED, 'corpus', 'openapi'), /\.(json|ya?ml)$/)) templatesInDefinitionText(readFileSync(file, 'utf8'), corpus);
    const vtlCases = JSON.parse(readFileSync(path.join(SHARED, 'corpus', 'vtl-cases.json'), 'utf8')) as Array<{ template?: string; response_template?: string }>;
    for (const c of vtlCases) for (const t of [c.template, c.response_template]) if (typeof t === 'string') cases.push(t);
    const generator = path.join(SHARED, 'bench', 'gen-synthetic.js');
    if (existsSync(generator)) {
      const text = execFileSync(process.execPath, [generator, '100', 'yaml'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      templatesInDefinitionText(text, synthetic);
    }
  }
  return { repository, corpus, cases, snippets: snippetTemplates(), synthetic, examples };
}

/** What diagnostics see: nothing from `syntaxProblems`, and velocityjs itself parses the text. */
function parsesCleanly(template: string): boolean {
  if (syntaxProblems(template).length > 0) return false;
  try {
    velocityParse(normalizeDirectives(template));
    return true;
  } catch {
    return false;
  }
}

const SPECIAL = `$#(){}[]'"\\.,= !-:`;
const INSERTS = [
  ...SPECIAL.split(''), '\n', '#end', '#{end}', '#else', '#{else}', '#elseif(', '#if(', '#set(', '#foreach(', '#break',
  '#stop', '#{stop}', '##', '#*', '*#', '#[[', ']]#', '#@', '#macro(', '#define(', ' in ', 'in', 'eq', 'not', 'null',
  'true', '..', '$!', '${', '\\$', '\\#', '\\\\', '$a', '$a.b()', "['k']", '[0]', '==', '&&', '||', 'and', 'or', '-1',
  '1.5', '"', "'", 'stop()', '$in', '.in', '$null', '#if', '#end)', '\t', '\u00a0', '\u2028', '\u0000',
];

function mutate(template: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  let text = template;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const specials: number[] = [];
    for (let i = 0; i < text.length; i++) if (SPECIAL.includes(text[i])) specials.push(i);
    const at = specials.length > 0 && next() < 0.7 ? pick(specials) : Math.floor(next() * (text.length + 1));
    const kind = Math.floor(next() * 7);
    if (kind === 0) text = text.slice(0, at) + text.slice(at + 1);
    else if (kind === 1) text = text.slice(0, at) + pick(INSERTS) + text.slice(at);
    else if (kind === 2) text = text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
    else if (kind === 3) text = text.slice(0, at);
    else if (kind === 4) {
      const ends = [...text.matchAll(/#\{?end\}?/g)].map((m) => m.index ?? 0);
      if (ends.length > 0) {
        const from = pick(ends);
        const removed = text.slice(0, from) + text.slice(from + (text[from + 1] === '{' ? 6 : 4));
        const to = Math.floor(next() * (removed.length + 1));
        text = removed.slice(0, to) + '#end' + removed.slice(to);
      }
    } else if (kind === 5) {
      const tokens = [...text.matchAll(/#\{?(?:end|else|if|elseif|foreach|set)\}?|\$!?\{?[A-Za-z_][\w-]*/g)];
      if (tokens.length >= 2) {
        const a = pick(tokens);
        const b = pick(tokens);
        const [first, second] = (a.index ?? 0) <= (b.index ?? 0) ? [a, b] : [b, a];
        const fi = first.index ?? 0;
        const si = second.index ?? 0;
        if (fi + first[0].length <= si) {
          text = text.slice(0, fi) + second[0] + text.slice(fi + first[0].length, si) + first[0] + text.slice(si + second[0].length);
        }
      }
    } else {
      const end = Math.min(text.length, at + 1 + Math.floor(next() * 12));
      text = text.slice(0, at) + text.slice(end);
    }
  }
  return text;
}

/** Short templates from a vocabulary of fragments, to reach lexer corners that mutations of long templates rarely hit. */
const FRAGMENTS = [
  '$a', '$!a', '${a}', '$!{a}', '$a.b', '$a.b()', '$a.b(1)', "$a.b('x', $c)", '$a[0]', "$a['k']", '$a[$i]', '$a.b-c',
  '#set(', '#if(', '#elseif(', '#else', '#end', '#{else}', '#{end}', '#foreach(', '#break', '#stop', '#{stop}', '#stop()',
  '$x', ' in ', '$list', '[1, 2]', '[1..3]', '[]', '{}', '{"k": 1}', ' = ', ' == ', ' != ', ' && ', ' || ', ' and ',
  ' or ', ' not ', '!', ' + ', ' - ', ' * ', ' / ', ' % ', ' < ', ' > ', ' <= ', ' >= ', '1', '-1', '1.5', '"s"', "'s'",
  'true', 'null', '(', ')', '[', ']', '{', '}', '.', ',', ':', ' ', '\n', 'text', '"', "'", '\\', '\\$', '\\#', '##c\n',
  '#*c*#', '#', '$', '#x', '#1', '$1', '$in', '$eq', '.in', '.null', '$a-', '#[[r]]#', '#@m()', '#m()', '#macro(m)',
  '#define($d)', '$input.json(\'$\')', '$util.escapeJavaScript($a)', '\t', '-', '..',
];

describe('syntax pre-check', function () {
  this.timeout(300_000);
  const sources = collect();

  it('never calls a template valid that velocityjs or the block check rejects', () => {
    const seeds = [...new Set([
      ...sources.repository, ...sources.corpus, ...sources.cases, ...sources.snippets, ...sources.synthetic, ...sources.examples,
    ])];
    assert.ok(seeds.length > 100, `only ${seeds.length} templates found`);
    const next = seededRandom(20_240_611);
    const variants: string[] = [];
    for (let i = 0; i < 24_000; i++) variants.push(mutate(seeds[Math.floor(next() * seeds.length)], next));
    for (let i = 0; i < 40_000; i++) {
      const count = 1 + Math.floor(next() * 10);
      let text = '';
      for (let f = 0; f < count; f++) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      variants.push(text);
    }
    let accepted = 0;
    const wrong: string[] = [];
    for (const template of [...seeds, ...variants]) {
      if (!isCertainlyValidTemplate(template)) continue;
      accepted++;
      if (!parsesCleanly(template)) wrong.push(template);
    }
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} templates called valid that are not`);
    // A pre-check that accepts almost nothing would make this test pass without proving anything.
    assert.ok(accepted > 10_000, `only ${accepted} of ${seeds.length + variants.length} accepted`);
  });

  it('accepts the common templates', () => {
    const share = (templates: string[]) => {
      const valid = templates.filter(parsesCleanly);
      return { valid: valid.length, accepted: valid.filter(isCertainlyValidTemplate).length };
    };
    const report = Object.fromEntries(Object.entries(sources).map(([name, templates]) => [name, share([...new Set(templates as string[])])]));
    if (process.env.APIGW_PRECHECK_REPORT) console.log(report);
    assert.ok(report.synthetic.valid === 0 || report.synthetic.accepted === report.synthetic.valid, JSON.stringify(report.synthetic));
    assert.ok(report.examples.accepted === report.examples.valid, JSON.stringify(report.examples));
    assert.ok(report.cases.accepted >= report.cases.valid * 0.8, JSON.stringify(report.cases));
  });

  it('answers "not sure" for forms it does not model', () => {
    for (const template of ['#macro(m)x#end', '#define($d)x#end', '#parse("a")', '#[[ $raw ]]#', '#@m()x#end', '$a#if($b)x#end', "\\$a.b('y#@')", '\\$a.b("$x")']) {
      assert.equal(isCertainlyValidTemplate(template), false, template);
    }
  });

  it('leaves to the parser the string literals it rewrites or rejects: \\", doubled quotes and \\u', () => {
    for (const template of ['#set($s = "a\\"b")', "#set($s = 'a\\'')", '#set($s = "say ""hi""")', "#set($s = 'it''s')", '#set($s = "\\u00e9")', '#set($p = "C:\\users")']) {
      assert.equal(isCertainlyValidTemplate(template), false, template);
    }
  });

  it('counts no directive inside a string literal, even when those directives balance the block', () => {
    for (const template of [
      "#if(true)#set($b = '#end')x", '#if(true)#set($b = "#end")x', "#foreach($i in ['#end'])$i", "#if(true)$a.b('#end')x",
      "#if(true)$a['#end']x", "#set($m = {'#end': 1})#if(true)x", "#if($a == '#end')x", "#if(true)#stop#set($b = '#end')x",
      "#set($a = '#if(')#end", "#foreach($i in ['#if(', \"#end\"])$i #end", "#if(true)$a.b('#end', \"#else\") #end",
    ]) {
      assert.equal(isCertainlyValidTemplate(template), false, template);
      assert.equal(parsesCleanly(template), false, template);
    }
    for (const template of [
      "#if(true)#set($b = '#end')x#end", "#foreach($i in ['#if(', '#end'])$i #end", "#if(true)$a.b('#end', '#else') #end",
      "#if(true)#stop#set($b = '#end')x#end", "#set($a = '#if(')$a", "#if($a)#set($b = '#else')#else#set($b = '#elseif(')#end",
    ]) {
      assert.equal(isCertainlyValidTemplate(template), true, template);
      assert.equal(parsesCleanly(template), true, template);
    }
  });

  it('takes time in proportion to the template, literals with directives included', () => {
    const unit = "#if($a)#set($b = '#end')$b.replace('#if(', \"#if(1)#end\") #{else}#set($c = ['#end'])#end\n";
    // CPU time, not the clock: on a loaded machine the clock counts other processes too, the long runs more often.
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const fastest = (check: () => void) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = cpuMs();
        check();
        best = Math.min(best, cpuMs() - started);
      }
      return best;
    };
    const small = unit.repeat(400);
    const large = unit.repeat(3200);
    assert.equal(isCertainlyValidTemplate(large), true);
    assert.deepEqual(checkBlocks(large), []);
    for (const check of [isCertainlyValidTemplate, checkBlocks]) {
      fastest(() => check(small));
      const ratio = fastest(() => check(large)) / fastest(() => check(small));
      // Eight times the text: a quadratic check would take some 64 times as long.
      assert.ok(ratio < 24, `${check.name}: ${ratio.toFixed(1)} times as long for 8 times the text`);
    }
  });

  it('answers "not sure" for argument lists Velocity 1.7 refuses where velocityjs reads text or a call', () => {
    for (const template of [
      '$input.params(\\"data\\")', '$a.b(+1)', '$a.b(]', '$a.b( ', '$a.b[0](\\"x\\")', '$a.b( )', '#set($x = $a.b( ))',
      '#if($a.b(\t))y#end', '$a.b(\u00a0"x")', '#if(\u00a0true)y#end', '#set($m = {"k":\u00a01})', '$a["k"\u00a0]', '\\$a.b(\\"x\\")',
    ]) {
      assert.equal(isCertainlyValidTemplate(template), false, template);
      assert.equal(parsesCleanly(template), false, template);
    }
  });

  it('still accepts the calls and parentheses Velocity reads', () => {
    for (const template of [
      '$a.b("x", 1, -2, 1.5, true, [1, 2], {"k": $c}, $d.e("f"))', '$a.b( "x" ,\n  1\n)', '$!{a.b("x")}', '#set($a = $b.c("x", 1))',
      '$name (not a call)', '$a.b (x)', '$a.b()', '$a.b().c()', '\\$a.b("x")', 'x\u00a0$a.b("y")\u00a0z',
    ]) {
      assert.equal(parsesCleanly(template), true, template);
      assert.equal(isCertainlyValidTemplate(template), true, template);
    }
  });

  it('accepts the everyday forms', () => {
    const template = [
      '## comment', '#* block *#', "#set($root = $input.path('$'))", '#set($m = {"a": 1, "b": [1, 2]})', '#set($r = [1..3])',
      '{', '  "id": "$root.id", "n": $!{root.count}, "k": $root.map[\'k\'], "i": $root.list[0],',
      '#foreach($item in $root.items)', '  "$util.escapeJavaScript($item.name).replaceAll("\\\\\'", "\'")"#if($foreach.hasNext),#end',
      '#end', '#if($a == 1 && !($b > 2) || $c != "x")a#elseif($d)b#{else}c#{end}', '\\$notRef \\#notDirective #1 $ 5',
      '#foreach($i in [1, 2])#if($i == 2)#break#end#end', '#if(!$ok)#stop#end', '}',
    ].join('\n');
    assert.ok(parsesCleanly(template));
    assert.equal(isCertainlyValidTemplate(template), true);
  });

  it('leaves to the parser what Velocity 1.7 refuses inside lists and maps, and nesting deeper than it scans', () => {
    for (const template of [
      '#set($x = [ ])', '#set($x = [1, null])', '#set($m = {"a": null})', '#set($x = [$l[1.5]])', '#set($a.b [0] = 1)', '#if($a == null)x#end',
      '#set($x = [$a .b])', '#set($x = [$a.b (1)])', '#set($x = [${ a}])', '#set($x = [${a }])', '#set($m = {\n})',
      `${'#if(true)'.repeat(1001)}x${'#end'.repeat(1001)}`,
      `#set($x = ${'['.repeat(300)}${']'.repeat(300)})`, `#if(${'!'.repeat(300)}true)x#end`, `$a.b(${'$a.b('.repeat(300)}1${')'.repeat(301)}`,
    ]) {
      assert.equal(isCertainlyValidTemplate(template), false, template.slice(0, 40));
      assert.equal(parsesCleanly(template), false, template.slice(0, 40));
    }
    for (const template of ['#set($x = [])', '#set($m = { })', '#set($x = [$l[1], {"a": $m.b(1)}])', '$a.b(null)', '#if($a == $null)x#end', `#set($x = ${'['.repeat(20)}${']'.repeat(20)})`]) {
      assert.equal(parsesCleanly(template), true, template);
      assert.equal(isCertainlyValidTemplate(template), true, template);
    }
  });
});
