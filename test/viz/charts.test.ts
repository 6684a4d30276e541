import type { RunResult } from '../../reports/types.js';
import { CHARTS, renderCharts } from '../../viz/charts/index.js';
import { spreadScale } from '../../viz/charts/common.js';
import { ecdfPoints, healLatencies, healLatencyCdf } from '../../viz/charts/heal-latency-cdf.js';
import { topMsgids } from '../../viz/charts/log-by-msgid.js';
import { frames } from '../../viz/charts/frames.js';
import { opKind } from '../../viz/charts/op-latency.js';
import { shdLifetimes } from '../../viz/charts/shd-timeline.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { emptyRun, smallRun } from '../fixtures/runs/small.js';

const byName = (run: RunResult) => new Map(renderCharts(run).map((c) => [c.name, c.svg]));

describe('the report charts', () => {
  const two = byName(churnRun());

  test('nine charts, in report order, each a standalone SVG with a title', () => {
    expect(CHARTS.map((c) => c.name)).toEqual(['heal-latency-cdf', 'pending-heals', 'log-bytes', 'log-by-msgid', 'shd-timeline', 'events', 'frames', 'shd-rss', 'op-latency']);
    for (const c of renderCharts(churnRun())) {
      const svg = two.get(c.name)!;
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain(`<title>${c.title}</title>`);
      expect(svg).toContain(`class="chart chart-${c.name}"`);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      expect(svg).toContain('class="mark');
      expect(c.caption.length).toBeGreaterThan(40);
    }
  });

  test('both modes on the same axes: a legend entry for each', () => {
    for (const name of ['heal-latency-cdf', 'pending-heals', 'log-bytes', 'log-by-msgid', 'events', 'frames', 'shd-rss', 'op-latency']) {
      const legend = two.get(name)!.split('<g class="legend">')[1]!.split('</g>')[0]!;
      expect(legend).toMatch(/>legacy/);
      expect(legend).toMatch(/>mux/);
    }
    expect(two.get('shd-timeline')).toContain('>legacy: shd process alive</text>');
    expect(two.get('shd-timeline')).toContain('>mux: shd process alive</text>');
  });

  test('axis labels carry units', () => {
    expect(two.get('pending-heals')).toContain('>simulated time (min)</text>');
    expect(two.get('log-bytes')).toContain('>log written (MiB, cumulative)</text>');
    expect(two.get('log-by-msgid')).toContain('>bytes logged (MiB)</text>');
    expect(two.get('shd-rss')).toContain('>shd RSS (MiB)</text>');
    expect(two.get('op-latency')).toContain('>latency (s)</text>');
  });

  test('one mode: only that mode is drawn', () => {
    const one = byName(churnRun({ modes: ['mux'] }));
    for (const svg of one.values()) {
      expect(svg).not.toContain('legacy');
      expect(svg).toContain('mux');
    }
  });

  test('byte-identical on a second render', () => {
    expect(byName(churnRun())).toEqual(two);
  });

  test('empty states say what is missing instead of drawing broken charts', () => {
    const empty = byName(emptyRun());
    const messages: Record<string, string> = {
      'heal-latency-cdf': 'no entry became healable in this run',
      events: 'no events in this run',
      'pending-heals': 'no samples in this run',
      'log-bytes': 'no samples in this run',
      'log-by-msgid': 'nothing was logged in this run',
      'shd-timeline': 'no shd lifecycle events in this run',
      frames: 'no samples in this run',
      'shd-rss': 'no node samples in this run',
      'op-latency': 'no management operations in this run',
    };
    for (const [name, message] of Object.entries(messages)) {
      const svg = empty.get(name)!;
      expect(svg).toContain('chart-empty');
      expect(svg).toContain(`>${message}</text>`);
      expect(svg).not.toContain('class="mark');
    }
  });

  test('samples, but nothing pending, logged or in flight', () => {
    const run = smallRun();
    for (const r of run.results) {
      r.heals = [];
      r.logs = [];
      r.timeline = r.timeline.filter((t) => t.kind !== 'detach');
      for (const t of r.timeseries) Object.assign(t, { pending_heals: 0, log_bytes: 0, frames_in_flight: 0, frames_unwound_enotconn: 0 });
    }
    const charts = byName(run);
    expect(charts.get('pending-heals')).toContain('>no heals were pending in this run</text>');
    expect(charts.get('log-bytes')).toContain('>nothing was logged in this run</text>');
    expect(charts.get('frames')).toContain('>no frames in flight and no detaches in this run</text>');
  });
});

describe('frames: an empty bottom panel says so', () => {
  test('no unwind in any mode: one plot, and a sentence instead of flat lines (with the frames lost instead)', () => {
    const run = churnRun();
    for (const r of run.results) {
      r.summary.frames_unwound_enotconn = 0;
      for (const t of r.timeseries) t.frames_unwound_enotconn = 0;
    }
    run.results[0]!.summary.frames_lost = 480;
    const svg = frames.render(run);
    expect(svg.match(/<g class="panel">/g)).toHaveLength(1);
    expect(svg).toContain('<g class="panel note">');
    expect(svg).toContain('>No frame was unwound with ENOTCONN in this run (frames lost with a killed shd instead, never unwound: legacy 480).</text>');
    expect(svg).toContain('>no frame was unwound with ENOTCONN</text>');
    expect(svg).not.toContain('unwound (cumulative)');
    expect(typeof frames.caption === 'function' && frames.caption(run)).toContain('No frame was unwound with ENOTCONN in this run, so there is no bottom panel');
  });

  test('with unwinds: both plots, and the caption reads the steps', () => {
    const svg = frames.render(churnRun());
    expect(svg.match(/<g class="panel">/g)).toHaveLength(2);
    expect(svg).toContain('>unwound (cumulative)</text>');
    expect(typeof frames.caption === 'function' && frames.caption(churnRun())).toContain('Bottom: frames unwound with ENOTCONN so far');
  });

  test('many detaches: ticks along the bottom instead of full-height lines', () => {
    const run = churnRun();
    const mux = run.results[1]!;
    const extra = Array.from({ length: 200 }, (_, i) => ({ mode: mux.mode, at_s: 1 + i * 4, node: 'h1', kind: 'detach' as const, volume: `x${i}`, pid: 5, detail: '' }));
    mux.timeline = [...mux.timeline, ...extra].sort((a, b) => a.at_s - b.at_s);
    const svg = frames.render(run);
    const rules = [...svg.matchAll(/<line class="rule" x1="[^"]*" x2="[^"]*" y1="([^"]*)" y2="([^"]*)"/g)];
    expect(rules.length).toBeGreaterThan(200);
    for (const r of rules) expect(Number(r[2]) - Number(r[1])).toBe(9);
    expect(svg).toMatch(/>\d+ graph detaches \(mux\), ticks along the bottom<\/text>/);
  });
});

describe('heal latency CDF', () => {
  test('ECDF steps: one per distinct latency, starting at 0', () => {
    expect(ecdfPoints([1, 2, 2, 3])).toEqual([
      [1, 0],
      [1, 0.25],
      [2, 0.75],
      [3, 1],
    ]);
    expect(ecdfPoints([])).toEqual([]);
    expect(ecdfPoints([60, 120], 60)).toEqual([
      [1, 0],
      [1, 0.5],
      [2, 1],
    ]);
  });

  test('only healed entries have a latency', () => {
    expect(healLatencies(smallRun().results[0]!.heals)).toEqual([1.5]);
  });

  test('over every entry that became healable: steps of 1/total, ending below 100 % when some never healed', () => {
    expect(ecdfPoints([1, 2], 1, 4)).toEqual([
      [1, 0],
      [1, 0.25],
      [2, 0.5],
    ]);
  });

  test('the time axis turns logarithmic when latencies span more than 100×', () => {
    expect(spreadScale([1, 100])).toBe('linear');
    expect(spreadScale([1, 100.5])).toBe('log');
    expect(spreadScale([0, 0.2, 5])).toBe('linear'); // zeros do not count
    expect(spreadScale([0, 0.02, 5])).toBe('log');
    expect(spreadScale([])).toBe('linear');
    expect(spreadScale([0, 0])).toBe('linear');

    const withLatencies = (lat: number[]): RunResult => {
      const run = smallRun();
      run.results[0]!.heals = lat.map((l, i) => ({ ...run.results[0]!.heals[0]!, gfid: `g${i}`, latency_s: l, healed_at_s: 2 + l }));
      return run;
    };
    const narrow = healLatencyCdf.render(withLatencies([2, 30, 150]));
    expect(narrow).toContain('>heal latency, healable → healed (s)</text>');
    expect(healLatencyCdf.render(withLatencies([20, 900]))).toContain('>heal latency, healable → healed (min)</text>');
    const wide = healLatencyCdf.render(withLatencies([0.05, 2, 30, 150]));
    expect(wide).toContain('>heal latency, healable → healed (s, log scale)</text>');
    // log ticks by decade
    expect(wide).toContain('>0.1</text>');
    expect(wide).toContain('>100</text>');
    // p50 and p99 guides
    expect(wide).toContain('>p50</text>');
    expect(wide).toContain('>p99</text>');
  });

  test('the never-healed entries: in the legend, at the right edge, and in the caption', () => {
    const svg = healLatencyCdf.render(churnRun());
    expect(svg).toContain('>legacy: 79 of 120 healed</text>');
    expect(svg).toContain('>mux: 120 of 120 healed</text>');
    // legacy's curve runs flat to the right edge at 79/120, labelled there
    expect(svg).toContain('>41 never healed</text>');
    const legacyPath = svg.split('data-series="legacy: 79 of 120 healed"')[1]!.split(' d="')[1]!.split('"')[0]!;
    const lastY = Number(legacyPath.split(/[ML,HV]/).filter(Boolean).pop());
    const axisY = (pct: string) => Number(svg.split(`>${pct}</text>`)[0]!.split('<text x="').pop()!.split('y="')[1]!.split('"')[0]);
    // 79/120 = 65.8 %: between the 60 % and 80 % grid lines, nearer 60 %
    expect(lastY).toBeLessThan(axisY('60%'));
    expect(lastY).toBeGreaterThan(axisY('80%'));
    const caption = healLatencyCdf.caption as (r: RunResult) => string;
    expect(caption(churnRun())).toContain('legacy never healed 41 of 120.');
    expect(caption(churnRun({ modes: ['mux'] }))).toContain('Every healable entry was healed, so each curve reaches 100 %.');
  });

  test('a mode that healed nothing still has its line, along 0 %', () => {
    const run = churnRun();
    run.results[0]!.heals = run.results[0]!.heals.map((h) => ({ ...h, healed_at_s: null, latency_s: null, pending_latency_s: null }));
    const svg = healLatencyCdf.render(run);
    expect(svg).toContain('>legacy: 0 of 120 healed</text>');
    expect(svg).toContain('>120 never healed</text>');
  });
});

describe('chart helpers', () => {
  test('top message ids by bytes over both modes, at most ten', () => {
    const top = topMsgids(churnRun().results);
    expect(top).toHaveLength(10);
    expect(top[0]!.msgid).toBe('graph-dump');
    const sums = top.map((t) => t.bytes[0]! + t.bytes[1]!);
    expect([...sums].sort((a, b) => b - a)).toEqual(sums);
    expect(topMsgids(smallRun().results)).toEqual([
      { msgid: 'graph-dump', bytes: [5000, 1000] },
      { msgid: '106570', bytes: [400, 0] },
    ]);
  });

  test('shd lifetimes pair starts with exits and crashes by pid', () => {
    const rows = smallRun().results[0]!.timeline;
    expect(shdLifetimes(rows, 12)).toEqual([
      { pid: 2100, start: 0.5, end: 2.05, how: 'exit' },
      { pid: 2101, start: 2.36, end: 12, how: 'running' },
    ]);
  });

  test('operation kinds', () => {
    expect(opKind('gluster volume start v0 force')).toBe('volume start');
    expect(opKind('kill-brick h1:/b')).toBe('kill-brick');
  });
});
