/**
 * JSONPath that parses but reads nothing in the Jayway JsonPath 2.0 dialect API Gateway's templates run: later
 * versions (and most JSONPath tutorials) give these a meaning, so they are written in good faith and silently render
 * empty on API Gateway.
 */
export interface JsonPathPitfall {
  /** Offsets within the path text. */
  start: number;
  end: number;
  message: string;
}

const FUNCTION_CALL = /\.(length|size|min|max|avg|stddev|sum|keys|first|last|append|concat)\(\)/g;
const NEGATIVE_INDEX = /\[\s*-\d+\s*\]/g;
const FILTER = /\[\?\((.*?)\)\]/g;
const DOUBLE_QUOTED = /"[^"]*"/g;

export function jsonPathPitfalls(path: string): JsonPathPitfall[] {
  // Every pitfall has a parenthesis or a bracket; most paths are plain member chains.
  if (!path.includes('(') && !path.includes('[')) return [];
  const found: JsonPathPitfall[] = [];
  for (const m of path.matchAll(FUNCTION_CALL)) {
    const advice = m[1] === 'length' || m[1] === 'size' ? `; call .size() on the result instead, as in $input.path('${path.slice(0, m.index)}').size()` : '';
    found.push({ start: m.index! + 1, end: m.index! + m[0].length, message: `JSONPath functions came after Jayway JsonPath 2.0, which API Gateway runs: '${m[1]}()' reads a property of that name and finds nothing${advice}.` });
  }
  for (const m of path.matchAll(NEGATIVE_INDEX)) {
    found.push({ start: m.index!, end: m.index! + m[0].length, message: `A negative index is out of range in Jayway JsonPath 2.0, which API Gateway runs, and reads nothing; a slice such as [-1:] gives a list holding the last element.` });
  }
  for (const filter of path.matchAll(FILTER)) {
    const bodyStart = filter.index! + 3;
    for (const q of filter[1].matchAll(DOUBLE_QUOTED)) {
      found.push({
        start: bodyStart + q.index!,
        end: bodyStart + q.index! + q[0].length,
        message: `In Jayway JsonPath 2.0 filters, which API Gateway runs, ${q[0]} keeps its double quotes and matches no value; write the text in single quotes ('${q[0].slice(1, -1)}').`,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
