import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModeResult, RunResult } from '../../reports/types.js';
import type { Mode } from '../../sim/scenario/ast.js';
import { renderReport } from '../../viz/report.js';
import { headline } from '../../viz/headline.js';
import { healStats } from '../../viz/heal-stats.js';
import { betterOf, ratio } from '../../viz/summary-metrics.js';
import { CHARTS, renderCharts } from '../../viz/charts/index.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { emptyRun, smallRun } from '../fixtures/runs/small.js';

/** The run with its modes recorded under other names, as a real-system run records `real-10.3`. */
function renamed(run: RunResult, names: readonly string[]): RunResult {
  const results = run.results.map((r, i): ModeResult => {
    const mode = names[i] as Mode;
    const re = <T extends { mode: Mode }>(rows: readonly T[]) => rows.map((x) => ({ ...x, mode }));
    return { ...r, mode, summary: { ...r.summary, mode }, heals: re(r.heals), timeseries: re(r.timeseries), nodes: re(r.nodes), ops: re(r.ops), timeline: re(r.timeline), logs: re(r.logs), expectations: re(r.expectations) };
  });
  return { info: { ...run.info, modes: names as Mode[], fingerprints: Object.fromEntries(results.map((r) => [r.mode, r.summary.fingerprint])) }, results };
}

describe('the headline: one sentence with gains and costs, and cards', () => {
  test('legacy and mux: mux measured against legacy, gains then costs', () => {
    const h = headline(churnRun());
    expect(h.pair).toEqual(['legacy', 'mux']);
    expect(h.sentence).toBe(
      'Multiplexing cut shd starts from 82 to 5 and log volume 6.36× (4.0 MiB → 637 KiB); heal latency p99 fell from 14.4 min to 4.0 min; ' +
        'legacy never healed 41 of 120 healable entries, mux healed all 120. ' +
        'Cost: operation latency p99 rose from 463.2 ms to 1.14 s (+145 %); peak shd memory on one node rose from 71.8 MiB to 85.2 MiB (+19 %).',
    );
    expect(h.figures.map((f) => [f.key, f.change!.verdict, f.change!.text])).toEqual([
      ['heal_latency_p99_s', 'gain', '3.63× faster'],
      ['never_healed', 'gain', '41 → 0'],
      ['shd_starts', 'gain', '16.4× fewer'],
      ['log_bytes', 'gain', '6.36× less'],
      ['peak_shd_rss_mib', 'cost', '+13.3 MiB'],
      ['op_latency_p99_s', 'cost', '2.45× slower'],
    ]);
  });

  test('mux listed first: legacy is still the baseline', () => {
    const run = churnRun();
    const swapped: RunResult = { info: { ...run.info, modes: ['mux', 'legacy'] }, results: [run.results[1]!, run.results[0]!] };
    expect(headline(swapped).sentence).toBe(headline(run).sentence);
  });

  test('a p99 that a never-healed entry may hide is a lower bound (≥), and so is the factor', () => {
    const run = churnRun();
    // legacy's never-healed entries became healable late: their age at the end is below the p99
    const legacy = run.results[0]!;
    legacy.heals = legacy.heals.map((h) => (h.healed_at_s === null ? { ...h, healable_at_s: 800 } : h));
    expect(healStats(legacy)).toMatchObject({ healable: 120, healed: 79, neverHealed: 41, p99LowerBound: true });
    expect(healStats(legacy).ages[0]).toBe(100);
    const h = headline(run);
    expect(h.figures[0]!.modes[0]!.text).toBe('≥ 14.4 min');
    expect(h.figures[0]!.change!.text).toBe('≥ 3.63× faster');
    expect(h.sentence).toContain('heal latency p99 fell from ≥ 14.4 min to 4.0 min');
  });

  test('one mode: its figures, no comparison', () => {
    expect(headline(churnRun({ modes: ['mux'] })).sentence).toBe(
      'mux: heal latency p99 4.0 min, every healable entry healed; 5 shd starts; 637 KiB logged; peak shd memory 85.2 MiB on one node; operation latency p99 1.14 s.',
    );
    const legacy = headline(churnRun({ modes: ['legacy'] }));
    expect(legacy.pair).toBeNull();
    expect(legacy.sentence).toBe(
      'legacy: heal latency p99 14.4 min, 41 of 120 healable entries never healed; 82 shd starts; 4.0 MiB logged; peak shd memory 71.8 MiB on one node; operation latency p99 463.2 ms.',
    );
    expect(legacy.figures.every((f) => f.change === null)).toBe(true);
  });

  test('modes other than legacy and mux: named as recorded, never "multiplexing"', () => {
    const one = headline(renamed(churnRun({ modes: ['mux'] }), ['real-10.3']));
    expect(one.sentence.startsWith('real-10.3: heal latency p99 4.0 min')).toBe(true);
    const two = headline(renamed(churnRun(), ['real-6.10', 'real-10.3']));
    expect(two.pair).toEqual(['real-6.10', 'real-10.3']);
    expect(two.sentence.startsWith('Against real-6.10, real-10.3 cut shd starts from 82 to 5')).toBe(true);
    expect(two.sentence).toContain('real-6.10 never healed 41 of 120 healable entries, real-10.3 healed all 120.');
    expect(two.sentence).not.toMatch(/[Mm]ultiplexing|legacy|\bmux\b/);
  });

  test('only latencies better: "With multiplexing, …"; for other modes, named', () => {
    const run = churnRun();
    for (const r of run.results) Object.assign(r.summary, { shd_starts: 5, log_bytes: 1000, peak_shd_rss_mib: 50, op_latency_p99_s: 1 });
    run.results[0]!.heals = run.results[0]!.heals.filter((h) => h.healed_at_s !== null);
    expect(headline(run).sentence).toBe('With multiplexing, heal latency p99 fell from 14.4 min to 4.0 min. No headline figure got worse.');
    expect(headline(renamed(run, ['a-1', 'b-2'])).sentence).toBe('With b-2 instead of a-1, heal latency p99 fell from 14.4 min to 4.0 min. No headline figure got worse.');
  });

  test('nothing better, nothing worse', () => {
    expect(headline(emptyRun()).sentence).toBe('Multiplexing improved none of the headline figures. No headline figure got worse.');
  });

  test('on the page: the sentence first, then a card per figure marked gain or cost', () => {
    const html = renderReport(churnRun());
    expect(html).toContain(`<p class="answer">${headline(churnRun()).sentence}</p>`);
    const card = (key: string) => html.split(`data-headline="${key}">`)[0]!.split('<div class="card ').pop()!;
    expect(card('heal_latency_p99_s')).toBe('gain" ');
    expect(card('peak_shd_rss_mib')).toBe('cost" ');
    const body = (key: string) => html.split(`data-headline="${key}">`)[1]!.split('</div>\n</div>')[0]!;
    expect(body('log_bytes')).toContain('<div class="big">6.36× less</div>');
    expect(body('op_latency_p99_s')).toContain('<span class="tag">cost</span>');
    expect(body('never_healed')).toContain('legacy 41 of 120');
  });
});

describe('the summary table: which mode did better', () => {
  test('ratio: none when a value is 0 (no "0×"); better: by the metric\'s direction', () => {
    expect(ratio(0, 9)).toBeNull();
    expect(ratio(9, 0)).toBeNull();
    expect(ratio(6, 3)).toBe(2);
    expect(betterOf('lower', 0, 9)).toBe(0);
    expect(betterOf('higher', 79, 120)).toBe(1);
    expect(betterOf('lower', 5, 5)).toBe('same');
    expect(betterOf(null, 1, 2)).toBeNull();
    expect(betterOf('lower', null, 2)).toBeNull();
  });

  test('each row names the better mode; a 0 against a value shows no ratio', () => {
    const run = churnRun();
    run.results[0]!.summary.attach_retries = 0;
    run.results[1]!.summary.attach_retries = 9;
    const html = renderReport(run);
    const row = (label: string) => html.split(`<tr><td>${label}`)[1]!.split('</tr>')[0]!;
    expect(row('heals completed')).toContain('<span class="dir" title="higher is better">↑</span>');
    expect(row('heals completed')).toMatch(/<td class="num ratio">0\.658×<\/td><td class="better"><span class="swatch"[^>]*><\/span>mux<\/td>$/);
    expect(row('attach retries')).toMatch(/<td class="num ratio"><span class="muted" title="no ratio: one value is 0">–<\/span><\/td><td class="better"><span class="swatch"[^>]*><\/span>legacy<\/td>$/);
    expect(row('simulation events')).toMatch(/<td class="better"><\/td>$/); // no direction
  });

  test('bandwidths in binary units, not raw bytes', () => {
    const run = churnRun();
    run.info.model = { ...run.info.model, net_bandwidth: '1073741824B/s', brick_bandwidth: '209715200B/s', odd_bandwidth: '1572864000B/s' };
    const html = renderReport(run);
    expect(html).toContain('<tr><td><code>net_bandwidth</code></td><td>1 GiB/s</td></tr>');
    expect(html).toContain('<tr><td><code>brick_bandwidth</code></td><td>200 MiB/s</td></tr>');
    expect(html).toContain('<tr><td><code>odd_bandwidth</code></td><td>1.5 GiB/s</td></tr>');
  });
});

describe('report.html', () => {
  const run = churnRun();
  const html = renderReport(run);

  test('a self-contained page: charset, no script, no external font, stylesheet, image or link', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import|@font-face/i);
    // the only URLs are SVG namespaces, and url(...) only points at in-page patterns
    const urls = html.match(/[a-z]+:\/\/[^\s"')]+/gi) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    for (const u of html.match(/url\([^)]*\)/g) ?? []) expect(u).toMatch(/^url\(#[a-z0-9-]+\)$/);
    for (const href of html.match(/href="[^"]*"/g) ?? []) expect(href).toMatch(/^href="#[a-z-]+"$/);
  });

  test('scenario, seed, version, params and model settings', () => {
    expect(html).toContain('<h1>churn-with-heal</h1>');
    expect(html).toContain('<p class="lede">Volume churn every 30 s while 120 entries heal on v0; h3 reboots at 600 s.</p>');
    expect(html).toContain('<div><dt>seed</dt><dd>1</dd></div>');
    expect(html).toContain('<div><dt>version</dt><dd>0.1.0</dd></div>');
    expect(html).toContain('<tr><td><code>volumes</code></td><td>13</td></tr>');
    expect(html).toContain('<tr><td><code>faults</code></td><td>first-child-down-cleanup</td></tr>');
    expect(html).toContain('<tr><td><code>detach</code></td><td>enotconn</td></tr>');
    expect(html).toContain(`<tr><td><code>legacy</code></td><td>${run.info.fingerprints.legacy}</td></tr>`);
  });

  test('every chart inline, with its caption', () => {
    for (const c of renderCharts(run)) {
      expect(html).toContain(`<figure id="chart-${c.name}">\n<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${c.name}`);
      expect(html).toContain(`<figcaption>${c.caption.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</figcaption>`);
    }
  });

  test('the summary table, one column per mode, the ratio and the better mode', () => {
    expect(html).toContain(
      '<tr><th>metric</th><th class="num"><span class="swatch" style="border-color: #D55E00; border-top-style: dashed;"></span>legacy</th><th class="num"><span class="swatch" style="border-color: #0072B2;"></span>mux</th><th class="num">legacy ÷ mux</th><th>better</th></tr>',
    );
    const legacy = run.results[0]!.summary;
    const mux = run.results[1]!.summary;
    expect(html).toContain(`<tr><td>shd starts<span class="dir" title="lower is better">↓</span></td><td class="num">${legacy.shd_starts}</td><td class="num">${mux.shd_starts}</td><td class="num ratio">16.4×</td>`);
  });

  test('the failed expectations', () => {
    expect(html).toContain('<p class="status fail">✗ 2 of 6 expectations failed.</p>');
    expect(html).toContain('<td><code>scenarios/churn-with-heal.yaml:14</code></td><td><code>expect pending_heals(v0) == 0 within 300s</code></td><td>78 after 300s</td>');
    expect(html).not.toContain('All expectations held');
  });

  test('all expectations held; no expectations at all', () => {
    expect(renderReport(churnRun({ modes: ['mux'] }))).toContain('<p class="status ok">✓ All expectations held (3 checked: mux 3).</p>');
    expect(renderReport(emptyRun())).toContain('<p class="status none">This scenario has no expectations.</p>');
  });

  test('escapes what comes from the scenario', () => {
    const small = renderReport(smallRun());
    expect(small).toContain('<p class="lede">Two &lt;modes&gt;, one heal &amp; a &quot;quote&quot;</p>');
    expect(small).toContain('<td>1\nafter 5s</td>');
  });

  test('works when only one mode ran: no ratio column, every chart drawn', () => {
    const one = renderReport(churnRun({ modes: ['legacy'] }));
    expect(one).not.toContain('legacy ÷ mux</th>');
    expect(one).not.toContain('<th>better</th>');
    expect(one).toContain('one mode ran: nothing to compare');
    expect(one.match(/<figure id="chart-/g)).toHaveLength(CHARTS.length);
    expect(one).not.toContain('chart-empty');
  });

  test('a mode labelled other than legacy or mux (a real-system run): its own name and style everywhere', () => {
    const real = renderReport(renamed(churnRun({ modes: ['mux'] }), ['real-10.3']));
    expect(real).toContain('<p class="eyebrow">shdsim run report · real-10.3</p>');
    expect(real).toContain('<p class="answer">real-10.3: heal latency p99 4.0 min');
    // no mode of the model appears as a mode: not in legends, labels, tables or the headline
    expect(real).not.toMatch(/>(mux|legacy)[< ]|[Mm]ultiplexing cut/);
    // a style of its own: neither legacy's orange nor mux's blue
    expect(real).toContain('<span class="swatch" style="border-color: #CC79A7;');
    expect(real).not.toContain('#0072B2');
    expect(real.match(/<figure id="chart-/g)).toHaveLength(CHARTS.length);
    const pair = renderReport(renamed(churnRun(), ['real-6.10', 'real-10.3']));
    expect(pair).toContain('<th class="num">real-6.10 ÷ real-10.3</th><th>better</th>');
    expect(pair).toContain('<p class="eyebrow">shdsim run report · real-6.10 vs real-10.3</p>');
    // each release its own style, both unlike the model's modes
    expect(pair).toContain('<span class="swatch" style="border-color: #009E73; border-top-style: dashed;"></span>real-6.10');
    expect(pair).toContain('<span class="swatch" style="border-color: #CC79A7; border-top-style: dashed;"></span>real-10.3');
  });

  test('an idle run still renders, with empty states', () => {
    const idle = renderReport(emptyRun(['mux']));
    expect(idle.match(/chart-empty/g)).toHaveLength(CHARTS.length);
    expect(idle).toContain('<p class="lede">No description.</p>');
  });

  test('byte-identical on a second render', () => {
    expect(renderReport(churnRun())).toBe(html);
  });
});

describe('determinism guard', () => {
  // What is written must not depend on the clock, the locale or chance: none of these in the sources.
  test('reports/ and viz/ use no wall clock, locale-dependent formatting or unseeded randomness', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const files = ['reports', 'viz', 'viz/charts'].flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(root, d, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      // code only: comments may name what the code avoids
      const src = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect({ f, hits: src.match(/\bDate\b|Math\.random|toLocale\w*|\bIntl\b|localeCompare|performance\.now/g) }).toEqual({ f, hits: null });
    }
  });
});
