/**
 * The charts' behaviour where a naive drawing says nothing: dense timelines drawn as rates, tooltips
 * on every mark (SVG <title>, no script), coinciding RSS lines merged, end labels that would collide
 * merged, message ids with their text, a log axis where one mode would be flattened, and captions
 * that are true of the chart above them.
 */
import type { RunResult, TimelineRow } from '../../reports/types.js';
import { binByTime, binScale, countList, isDense, rate } from '../../viz/charts/density.js';
import { events, eventTooltip } from '../../viz/charts/events.js';
import { logBytes, logBytesScale, decadeTicks } from '../../viz/charts/log-bytes.js';
import { logByMsgid, msgidNote } from '../../viz/charts/log-by-msgid.js';
import { opLatency } from '../../viz/charts/op-latency.js';
import { pendingHeals } from '../../viz/charts/pending-heals.js';
import { coincident, shdRss } from '../../viz/charts/shd-rss.js';
import { mergeLifetimes, shdTimeline } from '../../viz/charts/shd-timeline.js';
import { endLabels } from '../../viz/line-chart.js';
import { churnRun } from '../fixtures/runs/churn.js';

const caption = (c: { caption: string | ((r: RunResult) => string) }, r: RunResult) => (typeof c.caption === 'string' ? c.caption : c.caption(r));

/** churnRun with `n` extra shd restarts per node in legacy, evenly over the run: a dense timeline. */
function busyLegacy(n: number): RunResult {
  const run = churnRun();
  const legacy = run.results[0]!;
  const rows: TimelineRow[] = [];
  let pid = 90000;
  for (const node of ['h1', 'h2', 'h3']) {
    for (let i = 0; i < n; i++) {
      const t = 5 + (i * 880) / n;
      rows.push({ mode: 'legacy', at_s: t, node, kind: 'shd-start', volume: '', pid: ++pid, detail: '' });
      rows.push({ mode: 'legacy', at_s: t + 1, node, kind: 'attach', volume: 'v0', pid, detail: '' });
      rows.push({ mode: 'legacy', at_s: t + 2, node, kind: 'shd-exit', volume: '', pid, detail: 'SIGTERM' });
    }
  }
  legacy.timeline = [...legacy.timeline, ...rows].sort((a, b) => a.at_s - b.at_s);
  return run;
}

describe('density helpers', () => {
  test('a lane is dense above one event per 10 px', () => {
    expect(isDense(100, 1000)).toBe(false);
    expect(isDense(101, 1000)).toBe(true);
    expect(isDense(0, 10)).toBe(false);
  });

  test('bins: equal widths, the last one closed, empty ones kept', () => {
    const bins = binByTime([0, 1, 4.9, 5, 10], (x) => x, 0, 10, 2);
    expect(bins.map((b) => [b.start, b.end, b.items])).toEqual([
      [0, 5, [0, 1, 4.9]],
      [5, 10, [5, 10]],
    ]);
  });

  test('the full-height count: the 90th percentile of non-empty bins, so one burst does not flatten the rest', () => {
    expect(binScale([0, 100, 2, 2, 3, 2, 2, 2, 2, 2, 3, 2])).toBe(3);
    expect(binScale([0, 0])).toBe(1);
  });

  test('counts listed largest first, singular and plural; a rate per minute or hour', () => {
    expect(countList(new Map([['shd start', 1], ['graph attach', 214], ['none', 0]]), (l) => `${l}es`)).toBe('214 graph attaches, 1 shd start');
    expect(rate(343, 7200)).toBe('2.9/min');
    expect(rate(1, 7200)).toBe('0.5/h');
    expect(rate(0, 10)).toBe('');
  });
});

describe('shd timeline', () => {
  test('a quiet lane: one mark per event, each with a tooltip', () => {
    const svg = shdTimeline.render(churnRun());
    expect(svg).not.toContain('data-dense');
    const start = churnRun().results[1]!.timeline.find((t) => t.kind === 'shd-start')!;
    expect(svg).toContain(`<title>${eventTooltip(start)}</title>`);
    expect(eventTooltip(start)).toBe(`t = 2.500 s · mux · h1 · shd start · pid 3100 · glustershd (mux)`);
    expect(svg).toMatch(/<rect class="mark lifetime"[^>]*><title>h\d (legacy|mux) · shd pid \d+ · from .* to .* \((exited|crashed|still running at the end)\)<\/title><\/rect>/);
  });

  test('a busy lane: bands and bars of events per time bin, with their counts as tooltips', () => {
    const svg = shdTimeline.render(busyLegacy(300));
    const lanes = [...svg.matchAll(/<g class="lane" data-node="(h\d)" data-mode="(\w+)"( data-dense="true")?>/g)].map((m) => `${m[1]} ${m[2]}${m[3] ? ' dense' : ''}`);
    expect(lanes).toEqual(['h1 legacy dense', 'h1 mux', 'h2 legacy dense', 'h2 mux', 'h3 legacy dense', 'h3 mux']);
    expect(svg).toMatch(/<rect class="mark rate"[^>]*><title>h1 legacy, between [^:]+: \d+ shd (starts|exits)/);
    expect(svg).toMatch(/<title>h1 legacy · \d+ shd processes one after another, from /);
    // the right margin: the count and the mean rate
    expect(svg).toMatch(/>\d+ starts · [\d.]+\/min<\/text>/);
    expect(caption(shdTimeline, busyLegacy(300))).toContain('Lanes too busy for one mark per event show bars of events per time bin');
    expect(caption(shdTimeline, churnRun())).not.toContain('too busy');
  });

  test('lifetimes a pixel or two apart merge into one band', () => {
    const lives = [
      { pid: 1, start: 0, end: 10, how: 'exit' as const },
      { pid: 2, start: 10.5, end: 20, how: 'exit' as const },
      { pid: 3, start: 30, end: 40, how: 'running' as const },
    ];
    expect(mergeLifetimes(lives, 1)).toEqual([
      [0, 20, 2],
      [30, 40, 1],
    ]);
  });
});

describe('the events chart (events.csv)', () => {
  test('a lane per kind of thing and mode, each mark with its tooltip', () => {
    const run = churnRun();
    const svg = events.render(run);
    const lanes = [...svg.matchAll(/<g class="lane" data-lane="([^"]+)" data-mode="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    // only the kinds the run has, modes of one kind side by side, in the lanes' order
    expect(lanes.length).toBeGreaterThan(4);
    const order = ['nodes', 'glusterd', 'bricks', 'shd processes', 'graphs', 'graph cleanups'];
    const kinds = lanes.map((l) => order.indexOf(l.replace(/ (legacy|mux)$/, '')));
    expect(kinds.every((k) => k >= 0)).toBe(true);
    expect([...kinds].sort((a, b) => a - b)).toEqual(kinds);
    const down = run.results[0]!.timeline.find((t) => t.kind === 'node-down')!;
    expect(svg).toContain(`<title>${eventTooltip(down)}</title>`);
    expect(eventTooltip(down)).toBe(`t = 600.000 s (10.0 min) · legacy · h3 · node down${down.pid ? ` · pid ${down.pid}` : ''}${down.detail ? ` · ${down.detail}` : ''}`);
    expect(svg).toContain(`>legacy ${run.results[0]!.timeline.length} · mux ${run.results[1]!.timeline.length} events</text>`);
  });

  test('busy lanes as bars per time bin, counted by kind and node', () => {
    const svg = events.render(busyLegacy(300));
    expect(svg).toMatch(/<g class="lane" data-lane="shd processes" data-mode="legacy" data-dense="true">/);
    expect(svg).toMatch(/<title>legacy shd processes, between [^:]+: (\d+ shd (starts|exits)(, )?)+ \(h1 \d+, h2 \d+, h3 \d+\)<\/title>/);
  });
});

describe('shd RSS: nodes whose lines coincide are one line', () => {
  test('coincident: same samples, values within the tolerance → the mean and a min–max band', () => {
    const a = [[0, 10], [10, null], [20, 12]] as const;
    const b = [[0, 10.4], [10, null], [20, 12.2]] as const;
    expect(coincident([a, b], 0.5)).toEqual({ mean: [[0, 10.2], [10, null], [20, 12.1]], band: [[0, 10, 10.4], [20, 12, 12.2]], spread: expect.closeTo(0.4, 9) });
    expect(coincident([a, b], 0.3)).toBeNull();
    expect(coincident([a, [[0, 10], [10, 11], [20, 12]]], 5)).toBeNull(); // a shd on one node only
    expect(coincident([a], 5)).toBeNull();
  });

  test('the churn fixture: per mode, one line and one label naming the nodes, or a line per node', () => {
    const run = churnRun();
    const svg = shdRss.render(run);
    const labels = [...svg.split('<g class="end-labels">')[1]!.split('</g>')[0]!.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
    // every node is named once per mode, and no two labels of one mode sit on each other
    for (const mode of ['legacy', 'mux']) expect(svg).toContain(`data-series="${mode}"`);
    expect(labels.join(', ').split(', ').sort()).toEqual(['h1', 'h1', 'h2', 'h2', 'h3', 'h3']);
  });

  test('all nodes alike: a band, and one label "h1, h2, h3"', () => {
    const run = churnRun();
    for (const r of run.results) for (const n of r.nodes) Object.assign(n, { shd_pid: 7, shd_rss_mib: 50 + (n.node === 'h2' ? 0.2 : 0) + (r.mode === 'mux' ? 20 : 0) });
    const svg = shdRss.render(run);
    expect(svg.match(/class="mark band"/g)).toHaveLength(2);
    expect(svg.match(/>h1, h2, h3<\/text>/g)).toHaveLength(2);
  });

  test('end labels of one colour that would collide are merged; others nudged apart', () => {
    const box = { x: 0, y: 0, w: 100, h: 100 };
    const out = endLabels(
      [
        { x: 90, y: 50, label: 'h1', color: '#a' },
        { x: 90, y: 55, label: 'h2', color: '#a' },
        { x: 90, y: 52, label: 'h3', color: '#b' },
      ],
      box,
    );
    const texts = [...out.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*fill="(#\w)"[^>]*>([^<]+)<\/text>/g)].map((m) => [m[4], Number(m[2]), m[3]]);
    expect(texts).toEqual([
      ['h1, h2', 50, '#a'],
      ['h3', 65, '#b'],
    ]);
  });

  test('the caption states the sampling interval and what a leak looks like, without promising drops it cannot show', () => {
    const c = caption(shdRss, churnRun());
    expect(c).toContain('sampled every 10.0 s');
    expect(c).not.toContain('drops back at every restart');
  });
});

describe('log bytes', () => {
  test('logarithmic when one mode logs less than 5 % of another, with decade ticks; linear otherwise', () => {
    const run = churnRun();
    expect(logBytesScale(run)).toBe('linear'); // 637 KiB against 4.0 MiB: 15 %
    expect(logBytes.render(run)).toContain('>log written (MiB, cumulative)</text>');
    for (const t of run.results[1]!.timeseries) t.log_bytes = Math.round(t.log_bytes / 20);
    expect(logBytesScale(run)).toBe('log');
    const svg = logBytes.render(run);
    expect(svg).toContain('>log written (MiB, cumulative, log scale)</text>');
    expect(svg).toContain('>0.1</text>');
    expect(svg).toContain('>1</text>');
    expect(svg).not.toContain('>0.2</text>');
    expect(caption(logBytes, run)).toContain('The axis is logarithmic because one mode logs');
    expect(decadeTicks(100)).toBe('100');
    expect(decadeTicks(0.001)).toBe('0.001');
    expect(decadeTicks(300)).toBe('');
  });
});

describe('log bytes by message id: what each message says', () => {
  test('the catalogue text over each id, arguments elided; unknown ids keep the number alone', () => {
    expect(msgidNote('114046')).toBe("Connected to …, attached to remote volume '…'.");
    expect(msgidNote('graph-dump')).toBe('the "Final graph" dump: the whole volfile, printed at every graph load');
    expect(msgidNote('106568')).toBe('Shd service is detached for volume … from pid … (and 2 other messages with this id)');
    expect(msgidNote('saved_frames_unwind')).toBe('forced unwinding frame type(GlusterFS 4.x v1) op(…(…)) called at … (xid=0x…)');
    expect(msgidNote('999999')).toBe('');
    expect(msgidNote('114058', 40)).toBe('failed to get the port number for remot…');
  });

  test('on the chart, above the bars', () => {
    const svg = logByMsgid.render(churnRun());
    expect(svg).toContain('<text x="');
    expect(svg).toMatch(/font-size="12" class="note">the &quot;Final graph&quot; dump: the whole volfile, printed at every graph load<\/text>/);
  });
});

describe('operation latency and pending heals', () => {
  test('every operation mark has a tooltip with the command and the answer', () => {
    const run = churnRun();
    const op = run.results[0]!.ops[0]!;
    expect(opLatency.render(run)).toMatch(new RegExp(`<title>t = [\\d,.]+ s[^<]* · legacy · ${op.command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · [^<]+ · ${op.result}`));
  });

  test('the pending-heals caption gives the backlog at the end, as sampled', () => {
    expect(caption(pendingHeals, churnRun())).toContain(`at the end: legacy ${churnRun().results[0]!.summary.pending_heals_end}, mux ${churnRun().results[1]!.summary.pending_heals_end}.`);
  });
});
