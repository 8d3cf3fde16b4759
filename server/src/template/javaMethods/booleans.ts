/** java.lang.Boolean's methods, its static ones included. */
import { comparedWith } from './arguments';
import { objectMethods } from './objects';

export const BOOLEAN_METHODS = objectMethods<boolean>()
  .def('booleanValue', [], (b) => b)
  .def('parseBoolean', ['text'], (_, a) => typeof a[0] === 'string' && a[0].toLowerCase() === 'true')
  .def('valueOf', ['boolean'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => typeof a[0] === 'string' && a[0].toLowerCase() === 'true')
  .def('toString', ['boolean'], (_, a) => String(a[0]))
  .def('hashCode', ['boolean'], (_, a) => (a[0] ? 1231 : 1237))
  .def('compareTo', ['Object'], (b, a) => {
    const other = comparedWith(b, a[0]) as boolean;
    return b === other ? 0 : b ? 1 : -1;
  });
