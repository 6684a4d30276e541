import type { ExpectationRow } from '../../reports/types.js';
import { closingLine, failureLines, formatFailure, junitXml, tally, xmlEscape, type CheckRun } from '../../sim/scenario/check-report.js';

const row = (over: Partial<ExpectationRow>): ExpectationRow => ({
  mode: 'legacy',
  where: 'demo.yaml:12',
  text: 'expect pending_heals(v0) == 0 within 80s',
  passed: true,
  observed: '0',
  at_s: 95.5,
  ...over,
});

const RUNS: CheckRun[] = [
  {
    file: 'demo.yaml',
    scenario: 'demo',
    mode: 'legacy',
    expectations: [row({}), row({ where: 'demo.yaml:14', text: 'expect shd_count(h1) == 1', passed: false, observed: '2', at_s: 125.25 })],
  },
  {
    file: 'demo.yaml',
    scenario: 'demo',
    mode: 'mux',
    expectations: [
      row({ mode: 'mux', passed: false, observed: '3', at_s: 95 }),
      row({ mode: 'mux', where: 'demo.yaml:20', text: 'expect log_lines(h1) < 5 & "x"', at_s: 1 }),
      row({ mode: 'mux', where: 'demo.yaml:20', text: 'expect log_lines(h1) < 5 & "x"', at_s: 2 }),
    ],
  },
];

describe('check report', () => {
  test('a failure line: with within, the duration as written; without, the instant', () => {
    expect(formatFailure(row({ passed: false, observed: '3' }))).toBe('demo.yaml:12: [legacy] expect pending_heals(v0) == 0 within 80s (observed 3 after 80s)');
    expect(formatFailure(row({ text: 'expect shd_count(h1) == 1', passed: false, observed: '2', at_s: 125.25 }))).toBe(
      'demo.yaml:12: [legacy] expect shd_count(h1) == 1 (observed 2 at t=2m5.25s)',
    );
  });

  test('failure lines in run order, tally and the closing line', () => {
    expect(failureLines(RUNS)).toEqual([
      'demo.yaml:14: [legacy] expect shd_count(h1) == 1 (observed 2 at t=2m5.25s)',
      'demo.yaml:12: [mux] expect pending_heals(v0) == 0 within 80s (observed 3 after 80s)',
    ]);
    expect(tally(RUNS)).toEqual({ passed: 3, failed: 2 });
    expect(closingLine(RUNS)).toBe('3 passed, 2 failed');
    expect(closingLine([])).toBe('0 passed, 0 failed');
  });

  test('XML escaping, control characters included', () => {
    expect(xmlEscape(`a<b>&"c'\n\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;&#10;\uFFFD');
  });

  test('JUnit XML: exact document for a small case', () => {
    expect(junitXml(RUNS)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="shdsim check" tests="5" failures="2" errors="0" time="0.000000">',
        '  <testsuite name="demo.yaml [legacy]" tests="2" failures="1" errors="0" skipped="0" time="0.000000">',
        '    <testcase classname="demo.legacy" name="demo.yaml:12 expect pending_heals(v0) == 0 within 80s" time="0.000000"/>',
        '    <testcase classname="demo.legacy" name="demo.yaml:14 expect shd_count(h1) == 1" time="0.000000">',
        '      <failure message="observed 2 at t=2m5.25s" type="expectation">demo.yaml:14: [legacy] expect shd_count(h1) == 1 (observed 2 at t=2m5.25s)</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="demo.yaml [mux]" tests="3" failures="1" errors="0" skipped="0" time="0.000000">',
        '    <testcase classname="demo.mux" name="demo.yaml:12 expect pending_heals(v0) == 0 within 80s" time="0.000000">',
        '      <failure message="observed 3 after 80s" type="expectation">demo.yaml:12: [mux] expect pending_heals(v0) == 0 within 80s (observed 3 after 80s)</failure>',
        '    </testcase>',
        '    <testcase classname="demo.mux" name="demo.yaml:20 expect log_lines(h1) &lt; 5 &amp; &quot;x&quot;" time="0.000000"/>',
        '    <testcase classname="demo.mux" name="demo.yaml:20 expect log_lines(h1) &lt; 5 &amp; &quot;x&quot; #2" time="0.000000"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('JUnit XML with no runs is still a document', () => {
    expect(junitXml([])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="shdsim check" tests="0" failures="0" errors="0" time="0.000000">\n</testsuites>\n');
  });
});
