import { evaluateArith, ArithError } from '../../sim/scenario/arith.js';
import { substitute } from '../../sim/scenario/substitute.js';

const vars: Record<string, string | number> = { i: 4, volumes: 7, host: 'h2', n: '12', name: 'x1', neg: -3 };
const lookup = (k: string) => vars[k];

describe('${} integer arithmetic', () => {
  test.each([
    ['i+1', 5],
    ['volumes*2', 14],
    ['(i-1)%3+1', 1],
    ['i - 1 % 3 + 1', 4],
    ['2+3*4', 14],
    ['(2+3)*4', 20],
    ['volumes/2', 3],
    ['-volumes/2', -3],
    ['neg%2', -1],
    ['n*2', 24],
    ['10-2-3', 5],
    ['--i', 4],
  ])('%s = %d', (text, value) => {
    expect(evaluateArith(text, lookup)).toBe(value);
  });

  test('a duration param counts as its whole number of seconds', () => {
    const d: Record<string, string> = { duration: '2h', churn_every: '60s', half: '1.5s', tick: '250ms' };
    const look = (k: string) => d[k];
    expect(evaluateArith('duration / churn_every', look)).toBe(120);
    expect(evaluateArith('churn_every * 2', look)).toBe(120);
    expect(() => evaluateArith('half + 1', look)).toThrow(/'half' is "1.5s", not an integer/);
    expect(() => evaluateArith('tick', look)).toThrow(ArithError);
  });

  test('errors carry the index of what is wrong', () => {
    const at = (text: string) => {
      try {
        evaluateArith(text, lookup);
      } catch (e) {
        return [(e as ArithError).index, (e as Error).message];
      }
      return null;
    };
    expect(at('i+nope')).toEqual([2, "undefined name 'nope'"]);
    expect(at('i/0')).toEqual([1, 'division by zero in ${i/0}']);
    expect(at('host+1')).toEqual([0, `'host' is "h2", not an integer`]);
    expect(at('(i+1')).toEqual([4, "missing ')' in ${(i+1}"]);
    expect(at('i+')).toEqual([2, 'incomplete expression ${i+}']);
    expect(at('i 2')).toEqual([2, "unexpected '2' in ${i 2}"]);
    expect(at('i#2')).toEqual([1, "unexpected '#' in ${i#2}"]);
  });
});

describe('${} substitution', () => {
  test('names and arithmetic are replaced; $name without braces is left alone', () => {
    const { result, errors } = substitute('gluster volume create c${i} h${i+1}:/b/${name} $pid0', lookup);
    expect(errors).toEqual([]);
    expect(result.text).toBe('gluster volume create c4 h5:/b/x1 $pid0');
  });

  test('every output character maps back to its column in the original', () => {
    const raw = 'a ${volumes*2} b';
    const { result } = substitute(raw, lookup);
    expect(result.text).toBe('a 14 b');
    // "a " → 0,1; "14" → the '$' at 2; " b" → 14, 15; the end → 16.
    expect(result.origin).toEqual([0, 1, 2, 2, 14, 15, 16]);
  });

  test('errors: undefined name at the name, unterminated, empty', () => {
    expect(substitute('touch /m/f{1..${nfiles}}', lookup).errors).toEqual([{ index: 16, message: "undefined name 'nfiles'", expected: 'a param or a loop variable' }]);
    expect(substitute('x ${i+zz}', lookup).errors).toEqual([{ index: 6, message: "undefined name 'zz'", expected: 'a param or a loop variable' }]);
    expect(substitute('x ${i', lookup).errors).toEqual([{ index: 2, message: "unterminated '${'", expected: "'}'" }]);
    expect(substitute('x ${ }', lookup).errors[0]!.message).toBe('empty ${}');
  });

  test('several errors in one string are all reported', () => {
    expect(substitute('${a} ${b}', lookup).errors.map((e) => e.index)).toEqual([2, 7]);
  });
});
