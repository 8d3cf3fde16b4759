import assert from 'node:assert/strict';
import { compileJavaPattern, compileJavaRegex, exponentialRepetition, JavaRegexError, javaMatches, javaPatternProblem, javaReplace, javaSplit } from '../../../server/src/template/javaRegex';
import { render, renderFull, withBody } from './render';

function problem(pattern: string): JavaRegexError {
  const error = javaPatternProblem(pattern);
  assert.ok(error, `expected ${JSON.stringify(pattern)} to be rejected`);
  return error;
}

describe('Java regular expressions', () => {
  describe('a quantifier after a closing brace of an escape', () => {
    it('\\p{Lower}+ is a greedy quantifier in Java, so it matches "abc" entirely', () => {
      assert.equal(javaMatches('\\p{Lower}+', 'abc'), true);
    });
    it('"abc".replaceAll("\\p{Alpha}+", "X") is "X" in Java', () => {
      assert.equal(javaReplace('abc', '\\p{Alpha}+', 'X', true), 'X');
      assert.equal(render('#set($s = "abc")$s.replaceAll("\\p{Alpha}+", "X")'), 'X');
    });
    it('\\x{61}* and \\P{Digit}? are quantified escapes in Java', () => {
      assert.equal(javaMatches('\\x{61}*b', 'aaab'), true);
      assert.equal(javaMatches('\\P{Digit}?1', 'x1'), true);
    });
    it('\\p{Alpha}++ is possessive in Java: it takes every letter and gives none back', () => {
      assert.equal(javaMatches('\\p{Alpha}++', 'abc'), true);
      assert.equal(javaMatches('\\p{Alpha}++c', 'abc'), false);
    });
  });

  describe('a { that opens no bound', () => {
    const cases: Array<[string, RegExp]> = [
      ['2\\d{2', /^Unclosed counted closure/],
      ['a{', /^Illegal repetition near/],
      ['{foo}', /^Illegal repetition near index 0/],
      ['{', /^Illegal repetition near index 0/],
      ['a{,3}', /^Illegal repetition near/],
      ['x{2,1}', /^Illegal repetition range/],
    ];
    for (const [pattern, message] of cases) {
      it(`Java rejects ${pattern}: ${message.source.replace(/\^|\\/g, '')}`, () => {
        assert.match(problem(pattern).description, message);
        assert.throws(() => compileJavaRegex(pattern), JavaRegexError);
      });
    }
    it('Java accepts a bound on nothing, as in a{2}{3}, and it repeats the empty string', () => {
      assert.equal(javaMatches('a{2}{3}', 'aa'), true);
    });
    it('Java rejects a quantifier after a quantifier: a** is a dangling meta character', () => {
      assert.match(problem('a**').description, /^Dangling meta character '\*'/);
      assert.match(problem('*a').description, /^Dangling meta character '\*' near index 0/);
    });
    it('"abc".replaceAll("{", "x") throws in Java, so the template fails', () => {
      const result = renderFull('#set($s = "abc")$s.replaceAll("{", "x")');
      assert.equal(result.errors[0].code, 'method-error');
      assert.match(result.errors[0].message, /replaceAll\(\): Invalid regular expression \{: Illegal repetition near index 0/);
    });
  });

  describe('possessive quantifiers and atomic groups', () => {
    it('a++a never matches in Java: the possessive a++ keeps every a', () => {
      assert.equal(javaMatches('a++a', 'aaa'), false);
      assert.equal(javaReplace('aaa', 'a++a', 'X', true), 'aaa');
      assert.equal(javaMatches('a*+a', 'aaa'), false);
      assert.equal(javaMatches('a?+a', 'a'), false);
      assert.equal(javaMatches('a{2}+a', 'aaa'), true);
      assert.equal(javaMatches('a{1,3}+a', 'aaa'), false);
    });
    it('(?>a|ab)c does not match "abc" in Java: an atomic group keeps its first alternative', () => {
      assert.equal(javaMatches('(?>a|ab)c', 'abc'), false);
      assert.equal(javaMatches('(?>ab|a)c', 'abc'), true);
    });
    it('groups keep Java numbering around possessive and atomic constructs', () => {
      assert.equal(javaReplace('aaab', '(a)++(b)', '$2$1', true), 'ba');
      assert.equal(javaReplace('xy', '(?>(x))(y)\\2', '$2', true), 'xy');
      assert.equal(javaReplace('xyy', '(?>(x))(y)\\2', '[$1$2]', true), '[xy]');
      assert.equal(javaReplace('ab', '(?<first>a)(?>b)', '${first}!', true), 'a!');
    });
    it('Java accepts a possessive quantifier inside a look-behind; the simulator refuses it as unsupported', () => {
      const error = problem('(?<=a{1,2}+)b');
      assert.equal(error.unsupported, true);
      assert.match(error.message, /not run it exactly|cannot run it exactly/);
    });
  });

  describe('character classes', () => {
    const ascii: Array<[string, string, string]> = [
      ['Lower', 'abz', 'é'],
      ['Upper', 'AZ', 'É'],
      ['Alpha', 'aZ', 'é'],
      ['Digit', '09', '٣'],
      ['Alnum', 'a0Z', 'é'],
      ['Punct', '!-/:@[`{~', '¿'],
      ['Space', ' \t\n\u000B\f\r', '\u00A0'],
      ['XDigit', '09afAF', 'g'],
    ];
    for (const [name, inside, outside] of ascii) {
      it(`\\p{${name}} is US-ASCII only in Java by default`, () => {
        assert.equal(javaMatches(`\\p{${name}}+`, inside), true);
        assert.equal(javaMatches(`\\p{${name}}`, outside), false);
      });
    }
    it('\\p{javaLowerCase} follows Character.isLowerCase, which is Unicode', () => {
      assert.equal(javaMatches('\\p{javaLowerCase}+', 'aé'), true);
      assert.equal(javaMatches('\\p{javaLowerCase}', 'A'), false);
    });
    it('\\p{L}, \\p{IsL} and \\p{IsLatin} are Unicode categories and scripts in Java', () => {
      assert.equal(javaMatches('\\p{L}+', 'aé'), true);
      assert.equal(javaMatches('\\p{IsL}+', 'aé'), true);
      assert.equal(javaMatches('\\p{IsLatin}+', 'aé'), true);
      assert.equal(javaMatches('\\p{IsLatin}', 'α'), false);
    });
    it('Java rejects an unknown property name: \\p{Foo}', () => {
      assert.match(problem('\\p{Foo}').description, /^Unknown character property name \{Foo\}/);
    });
    it('[a-z&&[^e]] is the intersection in Java: every lower-case letter but e', () => {
      assert.equal(javaMatches('[a-z&&[^e]]+', 'abcd'), true);
      assert.equal(javaMatches('[a-z&&[^e]]+', 'abed'), false);
      assert.equal(javaMatches('[a-z&&def]+', 'fed'), true);
      assert.equal(javaMatches('[a-c[x-z]]+', 'axz'), true);
      assert.equal(javaMatches('[^a-z&&[^e]]', 'e'), true);
    });
    it('Java reads ] right after [ as a literal and rejects a reversed range', () => {
      assert.equal(javaMatches('[]a]+', ']a'), true);
      assert.match(problem('[z-a]').description, /^Illegal character range/);
      assert.match(problem('[a-z').description, /^Unclosed character class/);
    });
    it('\\s is [ \\t\\n\\x0B\\f\\r] in Java, without the no-break space', () => {
      assert.equal(javaMatches('\\s', '\u00A0'), false);
    });
    it('. in Java stops at \\u0085 too, unless DOTALL', () => {
      assert.equal(javaMatches('.', '\u0085'), false);
      assert.equal(javaMatches('(?s).', '\u0085'), true);
    });
  });

  describe('inline flags', () => {
    it('(?i) in the middle of a Java pattern applies to the rest of its group', () => {
      assert.equal(javaMatches('ab(?i)cd', 'abCD'), true);
      assert.equal(javaMatches('ab(?i)cd', 'ABcd'), false);
      assert.equal(javaMatches('(a(?i)b)c', 'aBC'), false);
      assert.equal(javaMatches('(a(?i)b)c', 'aBc'), true);
      assert.equal(javaMatches('a(?i:b)c', 'aBc'), true);
      assert.equal(javaMatches('(?i)a(?-i)b', 'Ab'), true);
      assert.equal(javaMatches('(?i)a(?-i)b', 'AB'), false);
    });
    it('CASE_INSENSITIVE is US-ASCII only in Java unless UNICODE_CASE is set', () => {
      assert.equal(javaMatches('(?i)[a-c]+', 'AbC'), true);
      assert.equal(javaMatches('(?i)é', 'É'), false);
    });
    it('(?x) ignores whitespace and # comments in Java', () => {
      assert.equal(javaMatches('(?x) a b # comment', 'ab'), true);
    });
    it('Java rejects an unknown inline modifier', () => {
      assert.match(problem('(?q)a').description, /^Unknown inline modifier/);
    });
  });

  describe('anchors', () => {
    it('\\A is the start of input and \\z its very end in Java', () => {
      assert.equal(javaReplace('a\nb', '\\A', '>', true), '>a\nb');
      assert.equal(javaReplace('abc\n', '\\z', 'X', true), 'abc\nX');
    });
    it('\\Z and $ also match before a final line terminator in Java', () => {
      assert.equal(javaReplace('abc\n', '\\Z', 'X', true), 'abcX\nX');
      assert.equal(javaReplace('abc\r\n', '$', 'X', true), 'abcX\r\nX');
    });
    it('(?m)^ matches after every line terminator but one that ends the input in Java', () => {
      assert.equal(javaReplace('a\nb\n', '(?m)^', '>', true), '>a\n>b\n');
    });
    it('\\G at the start makes Java find only contiguous matches', () => {
      assert.equal(javaReplace('aab', '\\Ga', 'X', true), 'XXb');
      assert.equal(javaReplace('aba', '\\Ga', 'X', true), 'Xba');
      assert.equal(javaMatches('\\Gab', 'ab'), true);
    });
    it('\\G elsewhere is refused as unsupported rather than misread', () => {
      assert.equal(problem('a\\Gb').unsupported, true);
    });
  });

  describe('split and replacement as in Java', () => {
    it('"abc".split("", -1) keeps the trailing empty string in Java', () => {
      assert.deepEqual(javaSplit('abc', '', -1), ['a', 'b', 'c', '']);
      assert.deepEqual(javaSplit('abc', ''), ['a', 'b', 'c']);
    });
    it('"".split(",") is [""] and ",".split(",") is [] in Java', () => {
      assert.deepEqual(javaSplit('', ','), ['']);
      assert.deepEqual(javaSplit(',', ','), []);
    });
    it('Java reads the replacement only on a match: a bad one without a match is harmless', () => {
      assert.equal(javaReplace('abc', 'z', '$9', true), 'abc');
      assert.throws(() => javaReplace('abc', 'a', '$9', true), /No group 9/);
    });
    it('\\Qa.b\\E+ quantifies only the last quoted character in Java', () => {
      assert.equal(javaMatches('\\Qa.b\\E+', 'a.bbb'), true);
      assert.equal(javaMatches('\\Qa.b\\E+', 'axb'), false);
    });
  });

  describe('patterns that backtrack exponentially', () => {
    // Each refused pattern has some text that one pass of the named repetition can match in two ways.
    const refused: Array<[pattern: string, fragment: string]> = [
      ['(a+)+b', '(a+)+'],
      ['(a*)*', '(a*)*'],
      ['(a|a)+', '(a|a)+'],
      ['(\\w+\\s*)*$', '(\\w+\\s*)*'],
      ['(?:x+x+)+y', '(?:x+x+)+'],
      // alternatives that overlap without being the same text
      ['(\\w|\\d)+', '(\\w|\\d)+'],
      ['(\\d+|\\w+)*', '(\\d+|\\w+)*'],
      ['(a|aa)*c', '(a|aa)*'],
      ['(ab|a|b)+c', '(ab|a|b)+'],
      // a quoted CSV field "a" is also a run of non-commas
      ['("[^"]*"|[^,]+)(,("[^"]*"|[^,]+))*', '(,("[^"]*"|[^,]+))*'],
      ['([a-z]|[^0-9])+$', '([a-z]|[^0-9])+'],
      ['(\\p{L}|\\p{IsGreek})+!', '(\\p{L}|\\p{IsGreek})+'],
      ['(?i)(a|A)+b', '(a|A)+'],
      ['(\\s|\\h)*x', '(\\s|\\h)*'],
      // a body that can end where the next iteration begins
      ['(.*,)*', '(.*,)*'],
      ['(.+)+x', '(.+)+'],
      ['(\\w+\\d?)+!', '(\\w+\\d?)+'],
      ['(\\d{1,3})+x', '(\\d{1,3})+'],
      ['(a{2,})+b', '(a{2,})+'],
      ['(x\\w*)+!', '(x\\w*)+'],
      ['(\\w+[._-]?)+@', '(\\w+[._-]?)+'],
      ['^(([a-z])+.)+[A-Z]([a-z])+$', '(([a-z])+.)+'],
      // the innermost culprit is named; lookarounds and counted loops are checked too
      ['^(x(a|a)+y)*$', '(a|a)+'],
      ['(?=(a+)+b)', '(a+)+'],
      ['(a|a){1,30}', '(a|a){1,30}'],
      ['(\\w+,?)+\\.', '(\\w+,?)+'],
      ['(?x) ( a + ) + b', '( a + ) +'],
    ];
    for (const [pattern, fragment] of refused) {
      it(`${pattern} is refused, naming ${fragment}`, () => assert.equal(exponentialRepetition(pattern), fragment));
    }

    const accepted = [
      '^[0-9]+$',
      '\\s+',
      '(a|b)+c',
      '.*foo.*',
      '([a-z0-9]+\\.)+[a-z]{2,}',
      '(a++)+',
      '(?>a+)+',
      '(\\d{3})+',
      '[(a+)+]',
      '\\Q(a+)+\\E',
      // common selection patterns and template regexes
      '^[a-z]+$',
      '(\\d{3})-(\\d{4})',
      // each comma ends an iteration, and no other piece can match a comma
      '([a-z]+,)*[a-z]+',
      '.*Error.*',
      '(?i)invalid.*',
      '2\\d{2}',
      '(4|5)\\d{2}',
      'default',
      '^\\{.*\\}$',
      '([^,]+),?',
      '(https?://)?[^/]+',
      '.*\\[(BadRequest|NotFound)\\].*',
      '(?s).*"errorType":\\s*"ValidationError".*',
      '^(\\w+)\\s(\\w+)$',
      '[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+',
      '(\\d+\\.){3}\\d+',
      '(\\d{1,3}\\.){3}\\d{1,3}',
      '((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)',
      '([A-Z][a-z]+ )*[A-Z][a-z]+',
      '(a|ab)*c',
      '(ab|cd)+',
      '(\\s*,\\s*[a-z]+)*',
      '\\w*\\w*\\w*x',
      '(a|a)*+',
      '(a|a)++b',
      '(?>(a|a))+',
      '(\\w+?,)+',
      '(?!.*secret).*',
      '(a+){2}',
      '(x+x+){3}',
    ];
    for (const pattern of accepted) {
      it(`${pattern} is accepted`, () => assert.equal(exponentialRepetition(pattern), undefined));
    }

    it('a pattern too large to check in good time is let through rather than slowing the check', () => {
      assert.equal(exponentialRepetition('((((a{10}){10}){10}){10})'), undefined);
    });

    it('comes with the compiled pattern, checked on the pattern as written whatever the flags', () => {
      assert.equal(compileJavaPattern('(a+)+b').exponential, '(a+)+');
      assert.equal(compileJavaPattern('(a+)+b', 'i').exponential, '(a+)+');
      assert.equal(compileJavaPattern('(A|a)+', 'i').exponential, undefined);
      assert.equal(compileJavaPattern('^[0-9]+$').exponential, undefined);
    });

    it('is found in a pattern Java accepts but the simulator cannot run', () => {
      assert.equal(javaPatternProblem('(a+)+a\\Gb')?.unsupported, true);
      assert.equal(exponentialRepetition('(a+)+a\\Gb'), '(a+)+');
    });

    it('a template running one gets Java\'s answer while the match ends in time', () => {
      // Java answers these at once: only a long text that does not match makes the repetition try its many ways.
      assert.equal(render('$input.path(\'$.s\').matches("^([a-z0-9]+-?)+$")', withBody({ s: 'abc-def-ghi-jkl-mno' })), 'true');
      assert.equal(render('#set($s = "aab-ab-b")$s.replaceAll("(a+)+b", "X")|$s.replaceFirst("(a|a)+b", "<$0>")'), 'X-X-b|<aab>-ab-b');
      assert.equal(render('#set($s = "x1,2;3")#foreach($p in $s.split("(\\d|\\w)+"))[$p]#end'), '[][,][;]');
    });

    it('a template whose match does not end stops with the evaluation\'s time-out, at the call, saying why', () => {
      const body = withBody({ s: `${'a'.repeat(40)}c` });
      for (const expression of ["$input.path('$.s').matches('(a+)+b')", "\n  $input.path('$.s').replaceAll('(a|a)+b', '')", "$input.path('$.s').split('(a*)*b')"]) {
        const started = Date.now();
        const result = renderFull(expression, body, 100);
        assert.ok(Date.now() - started < 1000, expression);
        assert.equal(result.errors.length, 1, expression);
        const [error] = result.errors;
        assert.equal(error.code, 'timeout', expression);
        assert.deepEqual([error.line, error.column], expression.startsWith('\n') ? [2, 3] : [1, 1]);
        assert.match(error.message, /^Template evaluation stopped after 100 ms: \$input\.path\(\.\.\.\)\.\w+\(\.\.\.\) was still matching the regular expression \(a[+*|]a?\)[+*]b against a text of 41 characters\. In \(a[+*|]a?\)[+*] the repetition can match the same text in exponentially many ways.*Java's matcher backtracks the same way/);
      }
    });

    it('a JSONPath filter, which runs without the evaluation budget, still refuses one', () => {
      const result = renderFull("$input.json('$.list[?(@.s =~ /(a+)+b/)]')", withBody({ list: [{ s: 'ab' }] }));
      assert.equal(result.errors[0]?.code, 'method-error');
      assert.match(result.errors[0].message, /is refused: in \(a\+\)\+/);
    });
  });
});
