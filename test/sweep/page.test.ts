/**
 * sweep.html and its charts where a mean alone would mislead: every seed beside the mean, a log axis
 * where values span decades, a heatmap for two grid keys, objectives (`--slo`) drawn and the first
 * point meeting them marked, and a table that fits the page with the spread over seeds.
 */
import { join } from 'node:path';
import { CHART_METRICS, firstMeeting, renderSweepCharts } from '../../sim/sweep/charts.js';
import type { GridPoint, Run } from '../../sim/sweep/grid.js';
import { renderSweepHtml } from '../../sim/sweep/html.js';
import type { SweepRow } from '../../sim/sweep/rows.js';
import { meets, parseSlos, sloLabel } from '../../sim/sweep/slo.js';
import type { SweepSpec } from '../../sim/sweep/spec.js';
import { groupRows } from '../../sim/sweep/summary.js';
import type { Mode } from '../../sim/scenario/ast.js';
import { removeTempDirs, tempDir } from '../reports/tmp.js';
import { cli, filesOf, SCENARIO } from './helpers.js';

afterAll(removeTempDirs);

function specOf(grid: SweepSpec['grid'], seeds: number): SweepSpec {
  return { scenario: { name: 's', file: 's.yaml', sha256: '0' }, grid, set: [], modes: ['legacy', 'mux'], seeds, base_seed: 1, shard: null, version: '0' };
}

/** Rows for every point × mode × seed, with p99 and shd starts from `value(point values, mode, seed)`. */
function rowsOf(spec: SweepSpec, value: (values: readonly string[], mode: Mode, seed: number) => { p99: number | null; starts: number }): SweepRow[] {
  const points: GridPoint[] = [];
  let combos: string[][] = [[]];
  for (const a of spec.grid) combos = combos.flatMap((c) => a.values.map((v) => [...c, v]));
  combos.forEach((values, index) => points.push({ index, values }));
  const rows: SweepRow[] = [];
  let index = 0;
  for (const point of points) {
    spec.modes.forEach((mode, modeIndex) => {
      for (let replica = 0; replica < spec.seeds; replica++) {
        const seed = spec.base_seed + replica;
        const run: Run = { index: index++, point, mode, modeIndex, seed, replica };
        const v = value(point.values, mode, seed);
        rows.push({ run, cells: [], values: { heal_latency_p99_s: v.p99, shd_starts: v.starts, log_bytes: 3600, sim_seconds: 3600, peak_shd_rss_mib: 30, heal_latency_p50_s: 1, heals_completed: 10, pending_heals_end: 0, expectations_failed: 0 } });
      }
    });
  }
  return rows;
}

describe('objectives (--slo)', () => {
  test('METRIC=VALUE in the metric\'s direction; aliases; <= and >= spelt out', () => {
    expect(parseSlos(['heal_p99_s=600', 'heals_completed=100', 'shd_starts>=3', ' peak_rss_mib <= 512.5 '])).toEqual([
      { text: 'heal_p99_s=600', metric: 'heal_latency_p99_s', op: '<=', value: 600 },
      { text: 'heals_completed=100', metric: 'heals_completed', op: '>=', value: 100 },
      { text: 'shd_starts>=3', metric: 'shd_starts', op: '>=', value: 3 },
      { text: 'peak_rss_mib <= 512.5', metric: 'peak_shd_rss_mib', op: '<=', value: 512.5 },
    ]);
    const [p99] = parseSlos(['heal_p99_s=600']);
    expect([meets(p99!, 600), meets(p99!, 600.1), meets(p99!, null)]).toEqual([true, false, false]);
    expect(sloLabel(p99!)).toBe('heal_latency_p99_s ≤ 600');
  });

  test('a bad one is refused with what is expected', () => {
    expect(() => parseSlos(['heal_p99=600'])).toThrow("--slo 'heal_p99=600': unknown metric 'heal_p99'; did you mean 'heal_p99_s'?");
    expect(() => parseSlos(['heal_p99_s'])).toThrow("--slo 'heal_p99_s': expected METRIC=VALUE (or METRIC<=VALUE, METRIC>=VALUE), such as heal_p99_s=600");
    expect(() => parseSlos(['heal_p99_s=10m'])).toThrow('expected METRIC=VALUE');
  });

  test('the first point, in the first key\'s order, whose mean meets it', () => {
    const [slo] = parseSlos(['heal_p99_s=600']);
    expect(firstMeeting(slo!, [{ x: 10, mean: 900 }, { x: 20, mean: null }, { x: 50, mean: 400 }, { x: 100, mean: 300 }])).toEqual({ x: 50, mean: 400 });
    expect(firstMeeting(slo!, [{ x: 10, mean: 900 }])).toBeNull();
  });
});

describe('the charts: each seed beside the mean, log where values span decades, the objective', () => {
  // legacy: seeds 1 and 2 give 16 s and 3,679 s (a mean of 30.8 min hides both); mux: 2 s everywhere
  const spec = specOf([{ key: 'volumes', values: ['10', '20', '50'] }], 2);
  const rows = rowsOf(spec, (v, mode, seed) => ({ p99: mode === 'mux' ? 2 : seed === 1 ? 16 : 3679, starts: mode === 'mux' ? 3 : Number(v[0]) * 3 }));
  const slos = parseSlos(['heal_p99_s=600']);
  const charts = renderSweepCharts(spec, groupRows(rows), slos);
  const p99 = charts.find((c) => c.name === 'heal-p99')!.svg;

  test('every seed\'s value is a hollow mark with its tooltip', () => {
    expect(p99).toContain('<title>legacy · volumes=10 · seed 1: 16.0 s</title>');
    expect(p99).toContain('<title>legacy · volumes=10 · seed 2: 61.3 min</title>');
    // the issue's own example: a mean with a CI wider than itself, and the two seeds beside it
    expect(p99).toContain('<title>legacy · volumes=10: mean 30.8 min ± 6.46 h</title>');
    expect(p99).toContain('>each seed (hollow, in its mode’s colour)</text>');
    expect(p99).toContain('hollow marks: each seed');
  });

  test('the y axis is logarithmic when the values drawn span more than 100×', () => {
    expect(p99).toContain('>heal latency p99 (s), log scale</text>');
    const starts = charts.find((c) => c.name === 'shd-starts')!.svg;
    expect(starts).toContain('>shd starts (all nodes)</text>'); // 3 to 150: 50×
  });

  test('the objective is a line, and each mode\'s first point that meets it has a ring and a label', () => {
    expect(p99).toContain('>objective ≤ 10.0 min</text>');
    expect(p99).toContain('>mux: first within ≤ 10.0 min</text>');
    expect(p99).not.toContain('>legacy: first within'); // a mean of 30.8 min everywhere
    expect(charts.find((c) => c.name === 'heal-p99')!.caption).toContain('Dashed line: the objective heal_latency_p99_s ≤ 600');
  });

  test('one seed: no seed marks (the mean is the seed)', () => {
    const one = specOf([{ key: 'volumes', values: ['10', '20'] }], 1);
    const svg = renderSweepCharts(one, groupRows(rowsOf(one, () => ({ p99: 5, starts: 3 }))))[0]!.svg;
    expect(svg).not.toContain('each seed');
    expect(svg).toContain('one seed per point (no confidence band)');
  });
});

describe('a heatmap for two grid keys', () => {
  const spec = specOf(
    [
      { key: 'volumes', values: ['10', '50'] },
      { key: 'model.detach', values: ['enotconn', 'drain'] },
    ],
    1,
  );
  const rows = rowsOf(spec, (v, mode) => ({ p99: mode === 'legacy' ? Number(v[0]) * (v[1] === 'drain' ? 2 : 1) * 10 : 3, starts: 1 }));
  const charts = renderSweepCharts(spec, groupRows(rows), parseSlos(['heal_p99_s=150']));

  test('one per metric after its small multiples, one panel per mode on one colour scale', () => {
    expect(charts.map((c) => c.name).slice(0, 3)).toEqual(['heal-p99--model.detach=enotconn', 'heal-p99--model.detach=drain', 'heal-p99--heatmap']);
    const heat = charts.find((c) => c.name === 'heal-p99--heatmap')!;
    expect(heat.title).toBe('Heal latency p99: volumes × model.detach');
    expect(heat.svg.match(/<g class="panel heat" data-panel="(legacy|mux)">/g)).toHaveLength(2);
    // legacy volumes=50 with drain: 1,000 s, the largest value: the darkest cell, white text
    expect(heat.svg).toContain('<title>legacy · model.detach=drain, volumes=50: 16.7 min</title>');
    expect(heat.svg).toMatch(/fill="rgb\(128, 0, 38\)" stroke="none" stroke-width="0"><title>legacy · model.detach=drain, volumes=50/);
    expect(heat.svg).toContain('>Heal latency p99 (log colour scale)</text>');
    // outlined: the cells that meet the objective (≤ 150 s): legacy 100 s (50 enotconn 500 no), mux all
    const outlined = [...heat.svg.matchAll(/stroke="#1f2328" stroke-width="2.5"><title>([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(outlined).toEqual([
      'legacy · model.detach=enotconn, volumes=10: 100.0 s',
      'mux · model.detach=enotconn, volumes=10: 3.00 s',
      'mux · model.detach=enotconn, volumes=50: 3.00 s',
      'mux · model.detach=drain, volumes=10: 3.00 s',
      'mux · model.detach=drain, volumes=50: 3.00 s',
    ]);
  });
});

describe('sweep.html: objectives and a table that fits the page', () => {
  const spec = specOf([{ key: 'volumes', values: ['10', '20', '50'] }], 2);
  const rows = rowsOf(spec, (v, mode, seed) => ({ p99: mode === 'mux' ? 2 : Number(v[0]) * 20 + seed, starts: 3 }));
  const slos = parseSlos(['heal_p99_s=600']);
  const groups = groupRows(rows);
  const html = renderSweepHtml(spec, groups, renderSweepCharts(spec, groups, slos), slos);

  test('where each mode first meets each objective', () => {
    expect(html).toContain('<h3><code>--slo heal_p99_s=600</code>: heal_latency_p99_s ≤ 600 (mean over seeds)</h3>');
    expect(html).toMatch(/<\/span>legacy: first meets it at <strong>volumes=10<\/strong> \(mean 3.4 min\); meets it at 2 of 3 points<\/li>/);
    expect(html).toMatch(/<\/span>mux: first meets it at <strong>volumes=10<\/strong> \(mean 2.00 s\); meets it at 3 of 3 points<\/li>/);
  });

  test('each cell: the mean, the CI and the range over seeds; ✓ / ✗ against the objective', () => {
    expect(html).toContain('<td class="num misses">16.7 min <span class="no" title="misses the objective">✗</span><br><span class="ci">± 6.35 s<br>16.7 min – 16.7 min</span></td>');
    expect(html).toContain('<td class="num meets">2.00 s <span class="ok" title="meets the objective">✓</span></td>');
    expect(html).toContain('<th class="num">heal p99<br><span class="ci">≤ 10.0 min</span></th>');
    // no scrolling container: the table is laid out to fit
    expect(html).not.toContain('class="scroll"');
  });

  test('without objectives: no objectives section, no marks', () => {
    const plain = renderSweepHtml(spec, groups, renderSweepCharts(spec, groups));
    expect(plain).not.toContain('id="objectives"');
    expect(plain).not.toMatch(/✓|✗/);
  });
});

describe('--slo on the command line', () => {
  test('sweep and merge draw the same page; a bad --slo is refused before anything runs', async () => {
    const root = tempDir();
    const args = [SCENARIO, '--grid', 'volumes=1,2', '--seeds', '2', '--workers', '1'];
    const a = await cli('sweep', ...args, '--out', join(root, 'a'), '--slo', 'heal_p99_s=30');
    expect(a.code).toBe(0);
    const page = filesOf(join(root, 'a'))['sweep.html']!;
    expect(page).toContain('id="objectives"');
    // the objective is not part of the sweep: the same command with another --slo redraws the page only
    const b = await cli('sweep', ...args, '--out', join(root, 'a'), '--slo', 'shd_starts=4');
    expect(b.code).toBe(0);
    expect(b.err).toContain('all 8 runs are in sweep.csv already');
    expect(filesOf(join(root, 'a'))['sweep.html']).toContain('--slo shd_starts=4');
    const m = await cli('merge', join(root, 'a'), '--out', join(root, 'm'), '--slo', 'heal_p99_s=30');
    expect(m.code).toBe(0);
    expect(filesOf(join(root, 'm'))['sweep.html']).toBe(page);
    const bad = await cli('sweep', ...args, '--out', join(root, 'bad'), '--slo', 'heal=30');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--slo 'heal=30': unknown metric 'heal'");
    expect(filesOf(root)['bad/sweep.json']).toBeUndefined();
  }, 120_000);
});

test('every headline chart metric has a format for heatmap cells', () => {
  for (const m of CHART_METRICS) expect(typeof m.format(1)).toBe('string');
});
