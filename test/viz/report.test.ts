import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../../viz/report.js';
import { headlineRatios } from '../../viz/summary-metrics.js';
import { CHARTS } from '../../viz/charts/index.js';
import { churnRun } from '../fixtures/runs/churn.js';
import { emptyRun, smallRun } from '../fixtures/runs/small.js';

describe('headline ratios (legacy ÷ mux)', () => {
  test('log bytes, heal p99 and shd starts; n/a when a value is null', () => {
    expect(headlineRatios(smallRun())).toEqual([
      { key: 'log_bytes', label: 'log bytes', legacy: 5400, mux: 1000, ratio: 5.4 },
      { key: 'heal_latency_p99_s', label: 'heal latency p99', legacy: 1.5, mux: null, ratio: null },
      { key: 'shd_starts', label: 'shd starts', legacy: 2, mux: 1, ratio: 2 },
    ]);
  });

  test('n/a when the denominator is 0', () => {
    const run = smallRun();
    run.results[1]!.summary.shd_starts = 0;
    run.results[1]!.summary.log_bytes = 0;
    expect(headlineRatios(run).map((h) => h.ratio)).toEqual([null, null, null]);
  });

  test('n/a for every ratio when only one mode ran', () => {
    expect(headlineRatios(churnRun({ modes: ['legacy'] })).map((h) => h.ratio)).toEqual([null, null, null]);
    expect(headlineRatios(churnRun({ modes: ['mux'] })).map((h) => [h.legacy, h.ratio])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  test('shown on the page', () => {
    const html = renderReport(smallRun());
    const card = (key: string) => html.split(`data-headline="${key}">`)[1]!.split('</div>\n</div>')[0]!;
    expect(card('log_bytes')).toContain('<div class="big">5.40×</div>');
    expect(card('heal_latency_p99_s')).toContain('<div class="big na">n/a</div>');
    expect(card('heal_latency_p99_s')).toContain('no value in one mode');
    expect(card('shd_starts')).toContain('<div class="big">2.00×</div>');
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
    for (const c of CHARTS) {
      expect(html).toContain(`<figure id="chart-${c.name}">\n<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${c.name}`);
      expect(html).toContain(`<figcaption>${c.caption.replace(/"/g, '&quot;')}</figcaption>`);
    }
  });

  test('the summary table, one column per mode and the ratio', () => {
    expect(html).toContain('<tr><th>metric</th><th class="num"><span class="swatch legacy"></span>legacy</th><th class="num"><span class="swatch mux"></span>mux</th><th class="num">legacy ÷ mux</th></tr>');
    const legacy = run.results[0]!.summary;
    const mux = run.results[1]!.summary;
    expect(html).toContain(`<tr><td>shd starts</td><td class="num">${legacy.shd_starts}</td><td class="num">${mux.shd_starts}</td><td class="num ratio">`);
    expect(html).toContain('<tr><td>heals completed</td><td class="num">79</td><td class="num">120</td><td class="num ratio">0.658×</td></tr>');
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
    expect(one).toContain('needs both modes');
    expect(one.match(/<figure id="chart-/g)).toHaveLength(8);
    expect(one).not.toContain('chart-empty');
  });

  test('an idle run still renders, with empty states', () => {
    const idle = renderReport(emptyRun(['mux']));
    expect(idle.match(/chart-empty/g)).toHaveLength(8);
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
