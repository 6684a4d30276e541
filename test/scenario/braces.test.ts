import { expandBraces, BraceError } from '../../sim/scenario/braces.js';

describe('brace expansion (bash rules)', () => {
  test('ranges, up and down', () => {
    expect(expandBraces('{1..5}')).toEqual(['1', '2', '3', '4', '5']);
    expect(expandBraces('{5..1}')).toEqual(['5', '4', '3', '2', '1']);
    expect(expandBraces('{-2..1}')).toEqual(['-2', '-1', '0', '1']);
    expect(expandBraces('{3..3}')).toEqual(['3']);
  });

  test('zero padding takes the width of the wider end', () => {
    expect(expandBraces('{01..10}')).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']);
    expect(expandBraces('{1..010..4}')).toEqual(['001', '005', '009']);
    expect(expandBraces('b{08..11}')).toEqual(['b08', 'b09', 'b10', 'b11']);
  });

  test('a step: its sign is ignored, 0 counts as 1, the direction comes from the ends', () => {
    expect(expandBraces('{1..10..2}')).toEqual(['1', '3', '5', '7', '9']);
    expect(expandBraces('{10..1..3}')).toEqual(['10', '7', '4', '1']);
    expect(expandBraces('{1..7..-3}')).toEqual(['1', '4', '7']);
    expect(expandBraces('{1..3..0}')).toEqual(['1', '2', '3']);
  });

  test('letter ranges', () => {
    expect(expandBraces('{a..e}')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(expandBraces('{c..a}')).toEqual(['c', 'b', 'a']);
  });

  test('lists, including empty items', () => {
    expect(expandBraces('{a,b,c}')).toEqual(['a', 'b', 'c']);
    expect(expandBraces('{0,2,4}')).toEqual(['0', '2', '4']);
    expect(expandBraces('f{,.bak}')).toEqual(['f', 'f.bak']);
  });

  test('prefix and suffix', () => {
    expect(expandBraces('h{1..3}:/b/v0')).toEqual(['h1:/b/v0', 'h2:/b/v0', 'h3:/b/v0']);
    expect(expandBraces('/mnt/v0/f{1,2}.txt')).toEqual(['/mnt/v0/f1.txt', '/mnt/v0/f2.txt']);
  });

  test('several braces: the cartesian product, leftmost varying slowest', () => {
    expect(expandBraces('h{1..2}:/b/v{a,b}')).toEqual(['h1:/b/va', 'h1:/b/vb', 'h2:/b/va', 'h2:/b/vb']);
    expect(expandBraces('{a,b}{1..2}{x,y}')).toEqual(['a1x', 'a1y', 'a2x', 'a2y', 'b1x', 'b1y', 'b2x', 'b2y']);
  });

  test('nesting', () => {
    expect(expandBraces('{a,b{1..2}}')).toEqual(['a', 'b1', 'b2']);
    expect(expandBraces('x{a,{b,c}d}y')).toEqual(['xay', 'xbdy', 'xcdy']);
    expect(expandBraces('{a{1,2}}')).toEqual(['{a1}', '{a2}']);
  });

  test('no valid brace expression: the word stays as written', () => {
    for (const w of ['{a}', '{}', '{1..x}', 'a{b', 'a}b', '{1..2', 'plain', '{1...3}']) expect(expandBraces(w)).toEqual([w]);
  });

  test('an expansion that would give too many words is refused', () => {
    expect(() => expandBraces('{1..2000000}')).toThrow(BraceError);
    expect(() => expandBraces('{1..1000}{1..1000}{1,2}')).toThrow(/more than 1000000 words/);
  });
});
