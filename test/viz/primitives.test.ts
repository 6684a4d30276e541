import { el, esc, num, svgDocument, text } from '../../viz/svg.js';
import { formatBytes, formatDuration, formatRatio, naturalCompare, timeUnit } from '../../viz/format.js';
import { lineChart, axisDomain } from '../../viz/line-chart.js';
import { barChart } from '../../viz/bar-chart.js';
import { MODE_STYLE } from '../../viz/theme.js';
import * as viz from '../../viz/index.js';

describe('svg builder', () => {
  test('escapes text and attribute values', () => {
    expect(esc(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(text(1, 2, 'a < b & "c"', { class: 'x"y' })).toBe('<text x="1" y="2" class="x&quot;y">a &lt; b &amp; &quot;c&quot;</text>');
  });

  test('rounds coordinates to 2 decimals, never writes -0, drops empty attributes', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(el('line', { x1: 0.005, x2: 10, stroke: undefined, dash: null, hidden: false })).toBe('<line x1="0.01" x2="10"/>');
    expect(() => num(NaN)).toThrow('not a finite coordinate');
  });

  test('a standalone document has xmlns, size, viewBox and title', () => {
    const svg = svgDocument({ width: 100, height: 50, title: 'T & t', fontFamily: 'sans-serif', fontSize: 12, color: '#000', body: [] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50" role="img"')).toBe(true);
    expect(svg).toContain('<title>T &amp; t</title>');
    expect(svg.endsWith('</svg>\n')).toBe(true);
  });
});

describe('formats (locale-independent)', () => {
  test('bytes, durations, ratios', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(4295866)).toBe('4.1 MiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatDuration(0.0004)).toBe('400 µs');
    expect(formatDuration(0.0205)).toBe('20.5 ms');
    expect(formatDuration(3.216)).toBe('3.22 s');
    expect(formatDuration(95)).toBe('95.0 s');
    expect(formatDuration(862.9)).toBe('14.4 min');
    expect(formatDuration(9000)).toBe('2.50 h');
    expect(formatRatio(null)).toBe('n/a');
    expect(formatRatio(0)).toBe('0×');
    expect(formatRatio(0.5234)).toBe('0.523×');
    expect(formatRatio(3.4567)).toBe('3.46×');
    expect(formatRatio(16.4)).toBe('16.4×');
    expect(formatRatio(1234.5)).toBe('1,235×');
  });

  test('time axis unit by length', () => {
    expect(timeUnit(300)).toEqual({ unit: 's', div: 1 });
    expect(timeUnit(900)).toEqual({ unit: 'min', div: 60 });
    expect(timeUnit(4 * 3600)).toEqual({ unit: 'h', div: 3600 });
  });

  test('natural order of node names', () => {
    expect(['h10', 'h2', 'h1', 'node-b', 'node-a'].sort(naturalCompare)).toEqual(['h1', 'h2', 'h10', 'node-a', 'node-b']);
  });
});

describe('generic line chart (reused by the sweep)', () => {
  const spec = {
    name: 'sweep-test',
    title: 'p99 heal latency vs volumes',
    empty: 'no points',
    x: { label: 'volumes' },
    y: { label: 'p99 (s)' },
    series: [
      { label: 'legacy', style: MODE_STYLE.legacy, points: [[10, 5], [100, 50]] as const, band: [[10, 4, 6], [100, 40, 60]] as const, markers: 'all' as const },
      { label: 'mux', style: MODE_STYLE.mux, points: [[10, 1], [100, 2]] as const },
    ],
  };

  test('draws a band per series, a line and markers, dashed for legacy', () => {
    const svg = lineChart(spec);
    expect(svg).toContain('class="mark band"');
    expect(svg.match(/class="mark line"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="9 4"');
    expect(svg).toContain('>p99 heal latency vs volumes</text>');
    expect(svg).toContain('>volumes</text>');
    expect(lineChart(spec)).toBe(svg);
  });

  test('the sweep\'s shape: a numeric log x axis, a line per mode with a CI band, through the barrel', () => {
    const xs = [10, 100, 1000];
    const svg = viz.lineChart({
      name: 'sweep',
      title: 'p99 vs volumes',
      empty: 'no points',
      x: { label: 'volumes', scale: 'log' },
      y: { label: 'p99 heal latency (s)' },
      series: (['legacy', 'mux'] as const).map((m, i) => ({
        label: viz.MODE_LABEL[m],
        style: viz.MODE_STYLE[m],
        points: xs.map((x) => [x, x / (i + 1)] as const),
        band: xs.map((x) => [x, x / (i + 1) - 1, x / (i + 1) + 1] as const),
        markers: 'all' as const,
      })),
    });
    expect(svg.match(/class="mark band"/g)).toHaveLength(2);
    for (const tick of ['>10</text>', '>100</text>', '>1000</text>']) expect(svg).toContain(tick);
    expect(svg.match(/class="mark" \/>|class="mark"\/>/g)).toHaveLength(6); // a marker per point
  });

  test('empty: the message instead of a drawing', () => {
    const svg = lineChart({ ...spec, series: [{ ...spec.series[0]!, points: [], band: [] }] });
    expect(svg).toContain('chart-empty');
    expect(svg).toContain('>no points</text>');
    expect(svg).not.toContain('class="mark');
  });

  test('domains: include zero for y, pad a single value, ignore non-positive values on log axes', () => {
    expect(axisDomain([3, 5], { label: '' }, true)).toEqual([0, 5]);
    expect(axisDomain([3, 5], { label: '' }, false)).toEqual([3, 5]);
    expect(axisDomain([4], { label: '' }, false)).toEqual([0, 4.4]);
    expect(axisDomain([0, 0.5, 20], { label: '', scale: 'log' }, true)).toEqual([0.5, 20]);
    expect(axisDomain([], { label: '', scale: 'log' }, true)).toEqual([1, 10]);
  });
});

describe('bar chart', () => {
  test('hatched bars for legacy (pattern id prefixed by the chart name), solid for mux, value labels', () => {
    const svg = barChart({
      name: 'bars',
      title: 'Bars',
      categories: ['a', 'b'],
      groups: [
        { label: 'legacy', style: MODE_STYLE.legacy },
        { label: 'mux', style: MODE_STYLE.mux },
      ],
      values: [
        [10, 1],
        [5, null],
      ],
      x: { label: 'count' },
      valueLabel: (v, c, g) => `${v}@${c}${g}`,
      empty: 'nothing',
    });
    expect(svg).toContain('<pattern id="bars-hatch-0"');
    expect(svg.match(/class="mark bar"/g)).toHaveLength(3);
    expect(svg).toContain('fill="url(#bars-hatch-0)"');
    expect(svg).toContain('>10@00</text>');
    expect(svg).toContain('>1@01</text>');
    expect(svg).not.toContain('@11');
  });
});
