import { renderSweepCharts, xAxisOf } from '../../sim/sweep/charts.js';
import type { SweepSpec } from '../../sim/sweep/spec.js';
import { meanCi } from '../../sim/sweep/stats.js';
import type { Group } from '../../sim/sweep/summary.js';
import type { Mode } from '../../sim/scenario/ast.js';

describe('the x axis: the first grid key', () => {
  test('numbers: a numeric axis at the values, whole-number tick labels for whole numbers', () => {
    const x = xAxisOf({ key: 'volumes', values: ['10', '20', '50'] });
    expect(x.numeric).toBe(true);
    expect([0, 1, 2].map(x.at)).toEqual([10, 20, 50]);
    expect(x.axis.scale).toBe('linear');
    expect(x.axis.format!(25)).toBe('25');
    expect(x.axis.format!(22.5)).toBe('');
  });

  test('numbers spanning more than 100×: logarithmic', () => {
    const x = xAxisOf({ key: 'volumes', values: ['1', '10', '1000'] });
    expect(x.axis.scale).toBe('log');
  });

  test('words: categorical, in the order given, one labelled tick each', () => {
    const x = xAxisOf({ key: 'model.detach', values: ['enotconn', 'drain'] });
    expect(x.numeric).toBe(false);
    expect([0, 1].map(x.at)).toEqual([0, 1]);
    expect(x.axis.domain).toEqual([-0.5, 1.5]);
    expect([0, 0.5, 1].map(x.axis.format!)).toEqual(['enotconn', '', 'drain']);
  });
});

describe('the charts', () => {
  const spec: SweepSpec = {
    scenario: { name: 's', file: 's.yaml', sha256: '0' },
    grid: [{ key: 'model.detach', values: ['enotconn', 'drain'] }],
    set: [],
    modes: ['legacy', 'mux'],
    seeds: 2,
    base_seed: 1,
    shard: null,
    version: '0',
  };
  // p99 over two seeds: legacy 1 s and 3 s (mean 2, CI ± 12.706), mux none healed.
  const group = (i: number, mode: Mode, p99: (number | null)[]): Group => ({
    point: { index: i, values: [spec.grid[0]!.values[i]!] },
    mode,
    rows: [],
    stats: new Map(['heal_latency_p99_s', 'log_bytes_per_hour', 'shd_starts', 'peak_shd_rss_mib'].map((m) => [m, meanCi(m === 'heal_latency_p99_s' ? p99 : [5, 7])])),
  });
  const charts = renderSweepCharts(spec, [group(0, 'legacy', [1, 3]), group(0, 'mux', [null, null]), group(1, 'legacy', [2, 2]), group(1, 'mux', [null, null])]);

  test('one chart per headline metric, named for charts/<name>.svg', () => {
    expect(charts.map((c) => c.name)).toEqual(['heal-p99', 'log-bytes-per-hour', 'shd-starts', 'peak-shd-rss']);
  });

  test('a line per mode with a confidence band, categorical labels on x', () => {
    const svg = charts[0]!.svg;
    expect(svg).toContain('<title>Heal latency p99 vs model.detach</title>');
    expect(svg).toContain('>enotconn</text>');
    expect(svg).toContain('>drain</text>');
    expect(svg.match(/class="mark band"/g)).toHaveLength(1); // mux has no value, so no band
    expect(svg).toContain('data-series="legacy"');
    expect(svg).toContain('mean over seeds; band: 95 % confidence interval');
  });

  test('deterministic: the same groups draw the same bytes', () => {
    const again = renderSweepCharts(spec, [group(0, 'legacy', [1, 3]), group(0, 'mux', [null, null]), group(1, 'legacy', [2, 2]), group(1, 'mux', [null, null])]);
    expect(again).toEqual(charts);
  });
});
