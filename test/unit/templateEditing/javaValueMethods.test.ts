import assert from 'node:assert/strict';
import { JAVA_VALUE_METHODS } from '../../../server/src/services/templates/javaValueMethods';
import { invokeJavaMethod, JavaMethodError } from '../../../server/src/template/javaMethods';
import { NO_SUCH_METHOD } from '../../../server/src/template/javaValues';
import type { ValueShape } from '../../../server/src/services/templates/variableValues';

/** Values of each shape as the engine holds JSON: an object is a Map, an array a JavaScript array. */
const SAMPLES: Record<ValueShape, () => unknown> = {
  map: () => new Map<string, unknown>([['a', 1]]),
  list: () => [1, 2],
  string: () => 'abc',
};

/** An argument of each Java type the catalog names, such as a template would pass. */
function argumentOf(type: string): unknown {
  if (type === 'int') return 0;
  if (type === 'String' || type === 'CharSequence' || type === 'Object') return 'a';
  throw new Error(`no sample argument of type ${type}`);
}

describe('Java methods offered on template values', () => {
  for (const [shape, methods] of Object.entries(JAVA_VALUE_METHODS) as Array<[ValueShape, typeof JAVA_VALUE_METHODS.map]>) {
    it(`are all found by the engine on a ${shape}, with the parameters completion writes`, () => {
      for (const method of methods) {
        let result: unknown;
        try {
          result = invokeJavaMethod(SAMPLES[shape](), method.name, method.params.map((p) => argumentOf(p.type)));
        } catch (error) {
          // A Java exception means the method was found and called.
          if (!(error instanceof JavaMethodError)) throw error;
        }
        assert.notEqual(result, NO_SUCH_METHOD, `${shape}.${method.name}`);
      }
    });
  }

  it('name each method once per shape', () => {
    for (const methods of Object.values(JAVA_VALUE_METHODS)) assert.equal(new Set(methods.map((m) => m.name)).size, methods.length);
  });
});
