import assert from 'node:assert/strict';
import { render } from './render';

describe('macros defined in double-quoted strings', () => {
  it('are defined as the template loads, before anything runs, wherever the string stands', () => {
    assert.equal(render('#m()#set($x = "#macro(m)hi#end")#m()'), 'hihi');
    assert.equal(render('#m()#if(false)#set($x = "#macro(m)hi#end")#end|#n()#macro(k)#set($y = "#macro(n)[$bodyContent]#end")#end'), 'hi|[]');
    assert.equal(render('#m()$nope.concat("#macro(m)B#end")|#k()#set($x = "#set($y = ""#macro(k)K#end"")")'), 'B|K');
  });

  it('take their place among the template\'s own in text order, the first of a name staying', () => {
    assert.equal(render('#set($x = "#macro(m)B#end")#macro(m)A#end#m()'), 'B');
    assert.equal(render('#macro(m)A#end#set($x = "#macro(m)B#end")#m()'), 'A');
    assert.equal(render('#macro(m)A#set($x = "#macro(m)B#end")#end#m()'), 'B');
    assert.equal(render('#m()#set($x = "#macro(m)B#end")#set($y = "#macro(m)C#end")'), 'B');
  });

  it('are defined by #evaluate only when it runs, and never from a single-quoted string', () => {
    assert.equal(render('#m()#evaluate(\'#set($x = "#macro(m)B#end")\')#m()'), '#m()B');
    assert.equal(render("#m()#set($x = '#macro(m)B#end')"), '#m()');
  });
});
