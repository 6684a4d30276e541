/**
 * Bad input that used to end in a stack trace (exit 70), minutes of CPU or gigabytes of memory
 * (issue 17, item 8): each is now an error with its position, found at once.
 */
import { MAX_NESTING, MAX_STEPS, excerpt } from '../../sim/scenario/limits.js';
import { expandBraces, BraceError } from '../../sim/scenario/braces.js';
import { errorsOf, HEADER, stepErrors } from './helpers.js';

const head = [...HEADER, 'steps:'].join('\n') + '\n';
const TOO_MANY = (what: string) => `unrolling this repeat (${what}) makes the scenario more than ${MAX_STEPS} steps (expected fewer iterations or steps: every repeat is unrolled when the file is loaded)`;

describe('nesting', () => {
  test('YAML collections nested 20,000 deep: a positioned error, not a stack overflow', () => {
    const text = `${head}  - ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^s\.yaml:5:\d+: YAML: collections nested too deeply to read \(expected at most a few hundred levels of nesting\)$/)]);
  });

  test('block sequences nested 3,000 deep', () => {
    let text = head;
    for (let i = 0, ind = '  '; i < 3000; i++, ind += '  ') text += `${ind}-\n`;
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^s\.yaml:\d+:\d+: YAML: collections nested too deeply to read \(expected at most a few hundred levels of nesting\)$/);
  });

  test(`repeats nested deeper than ${MAX_NESTING} levels are refused at the first repeat too deep`, () => {
    let text = head;
    let ind = '  ';
    for (let i = 0; i < MAX_NESTING + 20; i++, ind += '    ') text += `${ind}- repeat: 1\n${ind}  steps:\n`;
    text += `${ind}- wait 1s\n`;
    const line = 5 + 2 * MAX_NESTING; // the repeat at depth MAX_NESTING + 1
    expect(errorsOf(text)).toEqual([`s.yaml:${line}:${5 + 4 * MAX_NESTING}: repeats nested more than ${MAX_NESTING} deep (expected fewer levels of repeat)`]);
  });

  test('parentheses 10,000 deep in an expectation', () => {
    expect(stepErrors([`"expect ${'('.repeat(10_000)}1${')'.repeat(10_000)} == 1"`])).toEqual([
      `s.yaml:5:${6 + 7 + MAX_NESTING}: parentheses or signs nested more than ${MAX_NESTING} deep (expected a simpler expression)`,
    ]);
    expect(stepErrors([`"expect ${'-'.repeat(100_000)}1 == 1"`])).toEqual([expect.stringContaining(`parentheses or signs nested more than ${MAX_NESTING} deep`)]);
  });

  test('parentheses 10,000 deep in ${…} arithmetic', () => {
    const errors = stepErrors([`"wait \${${'('.repeat(10_000)}1${')'.repeat(10_000)}}s"`]);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^s\\.yaml:5:\\d+: parentheses or signs nested more than ${MAX_NESTING} deep in \\$\\{\\({60}… \\(20001 characters\\)\\} \\(expected a simpler expression\\)$`))]);
  });

  test('braces nested 10,000 deep', () => {
    const word = `h1:/b${'{a,'.repeat(10_000)}b${'}'.repeat(10_000)}`;
    expect(() => expandBraces(word)).toThrow(new BraceError(`braces nested more than ${MAX_NESTING} deep in '${word.slice(0, 60)}… (40006 characters)'`));
    expect(expandBraces(`x${'{a,'.repeat(50)}b${'}'.repeat(50)}`)).toHaveLength(51);
  });
});

describe('sizes', () => {
  test('repeat: 1e9 is refused at its position before anything is unrolled', () => {
    const text = `${head}  - repeat: 1e9\n    steps:\n      - wait 1s\n`;
    expect(errorsOf(text)).toEqual([`s.yaml:5:5: ${TOO_MANY('1000000000 iterations of 1 steps')}`]);
  });

  test('three nested repeat: 1000 are refused at the middle one, the first whose size is over', () => {
    const text = `${head}  - repeat: 1000\n    steps:\n      - repeat: 1000\n        steps:\n          - repeat: 1000\n            steps:\n              - wait 1s\n`;
    expect(errorsOf(text)).toEqual([`s.yaml:7:9: ${TOO_MANY('1000 iterations of 1000 steps')}`]);
  });

  test('iterations that grow (repeat: ${i} inside) are bounded by the running count', () => {
    // 1 + 2 + … + 631 = 199,396 steps fit; the 632nd inner repeat is the one that crosses the bound.
    const text = `${head}  - repeat: 2000\n    as: i\n    steps:\n      - repeat: \${i}\n        steps:\n          - wait 1s\n`;
    expect(errorsOf(text)).toEqual([`s.yaml:8:9: ${TOO_MANY('632 iterations of 1 steps')}`]);
  });

  test(`a scenario of exactly ${MAX_STEPS} unrolled steps still loads`, () => {
    const text = `${head}  - repeat: ${MAX_STEPS / 2}\n    steps:\n      - wait 1s\n      - wait 2s\n`;
    expect(errorsOf(text)).toEqual([]);
  });

  test('a 60 KB and a 1 MB word of { are read in linear time and quoted short', () => {
    for (const n of [60_000, 1_000_000]) {
      expect(stepErrors([`"wait ${'{'.repeat(n)}"`])).toEqual([`s.yaml:5:11: bad duration '${'{'.repeat(60)}… (${n} characters)' (expected a duration such as 500ms, 45s, 1.5m, 2h)`]);
    }
    const balanced = '{'.repeat(30_000) + '}'.repeat(30_000);
    expect(expandBraces(balanced)).toEqual([balanced]);
    expect(expandBraces('{1..1}'.repeat(20_000))).toEqual(['1'.repeat(20_000)]);
  });

  test('excerpt keeps short text and cuts long text with its length', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('x'.repeat(70), 10)).toBe('xxxxxxxxxx… (70 characters)');
  });
});
