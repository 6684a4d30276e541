import { csvText, sweepHeader } from '../../sim/sweep/columns.js';
import { expandPoints, expandRuns, parseGrid } from '../../sim/sweep/grid.js';
import { readSweepRows, sortRows } from '../../sim/sweep/rows.js';
import { meanCi, tQuantile } from '../../sim/sweep/stats.js';
import { groupRows, RESERVED_KEYS, summaryCsv, summaryHeader } from '../../sim/sweep/summary.js';

describe('Student t quantiles (two-sided 95 %: p = 0.975)', () => {
  test.each([
    [1, 12.706204736],
    [2, 4.30265273],
    [3, 3.182446305],
    [4, 2.776445105],
    [9, 2.262157163],
    [29, 2.045229642],
    [100, 1.983971519],
    [1000, 1.962339081],
  ])('df %i → %f', (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 8);
  });

  test('other levels: t(0.95, 10) and t(0.995, 5)', () => {
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.812461123, 8);
    expect(tQuantile(0.995, 5)).toBeCloseTo(4.032142984, 8);
  });
});

describe('mean and 95 % CI half-width over seeds', () => {
  test('four values: 1, 2, 3, 4 → mean 2.5, s = 1.290994, CI ± 3.182446 × 1.290994 / 2 = ± 2.054260', () => {
    const r = meanCi([1, 2, 3, 4]);
    expect(r.n).toBe(4);
    expect(r.mean).toBe(2.5);
    expect(r.ci95).toBeCloseTo(2.05426026, 7);
  });

  test('two values: 10, 12 → mean 11, CI ± 12.706205 × √2 / √2 = ± 12.706205', () => {
    expect(meanCi([10, 12])).toEqual({ n: 2, mean: 11, ci95: expect.closeTo(12.70620474, 7) });
  });

  test('one value: no interval; none: no mean; nulls (no heal completed) do not count', () => {
    expect(meanCi([5])).toEqual({ n: 1, mean: 5, ci95: null });
    expect(meanCi([null, null])).toEqual({ n: 0, mean: null, ci95: null });
    const r = meanCi([null, 2, 4, 9]);
    expect(r.n).toBe(3);
    expect(r.mean).toBe(5);
    expect(r.ci95).toBeCloseTo(8.95668590, 7); // s = 3.605551, t(0.975, 2) = 4.302653
  });

  test('identical values: a zero-width interval', () => {
    expect(meanCi([3, 3, 3])).toEqual({ n: 3, mean: 3, ci95: 0 });
  });
});

describe('sweep-summary.csv from known rows', () => {
  const axes = parseGrid(['volumes=10'], RESERVED_KEYS, new Set());
  const runs = expandRuns(expandPoints(axes), ['mux'], 3, 1);
  // A summary.csv row with every metric 0 except the ones set.
  const row = (seed: number, over: Record<string, string>): string[] => {
    const base: Record<string, string> = {};
    for (const c of sweepHeader(axes)) base[c] = '0';
    Object.assign(base, { volumes: '10', mode: 'mux', seed: String(seed), sim_seconds: '1800.000000', peak_shd_rss_mib: '30.000', fingerprint: 'ab', heal_latency_p50_s: '', heal_latency_p99_s: '', heal_latency_max_s: '', op_latency_p99_s: '' }, over);
    return sweepHeader(axes).map((c) => base[c]!);
  };
  const text = csvText(sweepHeader(axes), [
    row(3, { heal_latency_p99_s: '4.000000', shd_starts: '3', log_bytes: '1000', peak_shd_rss_mib: '30.500' }),
    row(1, { heal_latency_p99_s: '1.000000', shd_starts: '3', log_bytes: '2000', peak_shd_rss_mib: '31.000' }),
    row(2, { shd_starts: '4', log_bytes: '3000', peak_shd_rss_mib: '32.000' }),
  ]);
  const { rows } = readSweepRows(text, 'sweep.csv', axes, runs);
  const csv = summaryCsv(axes, groupRows(sortRows(rows)));
  const [header, line] = csv.trimEnd().split('\n').map((l) => l.split(','));
  const cell = (name: string) => line![header!.indexOf(name)];

  test('one row per point and mode, with n, mean and CI per metric', () => {
    expect(csv.trimEnd().split('\n')).toHaveLength(2);
    expect(header).toEqual(summaryHeader(axes));
    expect(header!.slice(0, 6)).toEqual(['volumes', 'mode', 'runs', 'sim_seconds_n', 'sim_seconds_mean', 'sim_seconds_ci95']);
    expect(line!.slice(0, 3)).toEqual(['10', 'mux', '3']);
  });

  test('counts: mean 3.333, CI t(2) · s/√3 = 4.302653 × 0.577350 / 1.732051 = 1.434', () => {
    expect([cell('shd_starts_n'), cell('shd_starts_mean'), cell('shd_starts_ci95')]).toEqual(['3', '3.333', '1.434']);
  });

  test('a nullable metric counts only the runs with a value: p99 over 2 seeds, CI t(1) · 1.5 = 19.059307', () => {
    expect([cell('heal_latency_p99_s_n'), cell('heal_latency_p99_s_mean'), cell('heal_latency_p99_s_ci95')]).toEqual(['2', '2.500000', '19.059307']);
    expect([cell('heal_latency_p50_s_n'), cell('heal_latency_p50_s_mean'), cell('heal_latency_p50_s_ci95')]).toEqual(['0', '', '']);
  });

  test('MiB keep 3 decimals; log_bytes_per_hour = log_bytes / sim_seconds × 3600', () => {
    // 30.5, 31, 32: s = 0.763763, CI 4.302653 × 0.763763 / √3 = 1.897
    expect([cell('peak_shd_rss_mib_mean'), cell('peak_shd_rss_mib_ci95')]).toEqual(['31.167', '1.897']);
    // 2000, 4000, 6000 bytes per hour: mean 4000, s = 2000, CI 4.302653 × 2000 / √3 = 4968.275
    expect([cell('log_bytes_per_hour_n'), cell('log_bytes_per_hour_mean'), cell('log_bytes_per_hour_ci95')]).toEqual(['3', '4000.000', '4968.275']);
  });
});
