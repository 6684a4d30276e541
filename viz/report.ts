/**
 * report.html: one self-contained page comparing the modes of a run. No script, no external font,
 * stylesheet, image or link (a Content-Security-Policy of `default-src 'none'` makes sure): inline CSS
 * and the charts as inline SVG. Everything on it comes from the RunResult, so the same result gives
 * the same bytes, and `shdsim report` can redraw it from the CSV files.
 */
import type { ExpectationRow, ModeResult, RunResult } from '../reports/types.js';
import { renderCharts, type RenderedChart } from './charts/index.js';
import { bytesUnit, formatBytes, formatCount, formatDuration, formatFixed, formatRatio } from './format.js';
import { headline as runHeadline, type Headline } from './headline.js';
import { htmlPage } from './page.js';
import { esc } from './svg.js';
import { betterOf, METRIC_GROUPS, ratio, SUMMARY_METRICS } from './summary-metrics.js';
import { FONT_FAMILY, labelOfMode, modeSwatch } from './theme.js';

export function renderReport(result: RunResult): string {
  const { info } = result;
  const charts = renderCharts(result);
  const head = runHeadline(result);
  // Headline figures and failed expectations first, then the charts (the heart of the comparison),
  // then the full summary table and the settings for reference.
  const body = [
    header(result, charts),
    headlines(head),
    expectations(result),
    chartsSection(charts),
    summaryTable(result.results),
    settings(result),
    `<footer>Written by shdsim ${esc(info.version)} from seed ${info.seed}: the same scenario, seed and version give these same bytes. The data behind every chart is in the CSV files beside this page.</footer>`,
  ];
  return htmlPage(`shdsim · ${info.scenario.name}`, CSS, body);
}

const CSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 15px/1.5 ${FONT_FAMILY}; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 6px; }
h2 { font-size: 19px; margin: 36px 0 14px; padding-bottom: 6px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 15px; margin: 18px 0 8px; }
p { margin: 0 0 10px; }
code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #eff2f5; padding: 1px 4px; border-radius: 4px; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #57606a; }
.lede { font-size: 17px; color: #424a53; max-width: 85ch; margin-bottom: 18px; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px 24px; margin: 0; padding: 14px 18px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
dl.meta dt { font-size: 12px; color: #57606a; }
dl.meta dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 14px 18px 16px; }
.card .what { color: #57606a; font-size: 13px; }
.card .big { font-size: 34px; font-weight: 700; line-height: 1.15; margin: 4px 0 6px; font-variant-numeric: tabular-nums; }
.card .big.na { color: #8c959f; }
.card .vs { font-size: 14px; font-variant-numeric: tabular-nums; }
.card .tag { display: inline-block; font-size: 12px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; padding: 0 7px; border-radius: 10px; margin-left: 6px; vertical-align: 2px; }
.card.gain .tag { background: #dafbe1; color: #116329; }
.card.cost .tag { background: #ffebe9; color: #82071e; }
.card.same .tag, .card.na .tag { background: #eaeef2; color: #57606a; }
.card.cost { border-color: #ff8182; }
p.answer { font-size: 18px; line-height: 1.45; background: #fff; border: 1px solid #d0d7de; border-left: 4px solid #0969da; border-radius: 8px; padding: 12px 18px; margin: 0 0 16px; max-width: none; }
.swatch { display: inline-block; width: 22px; height: 0; margin: 0 6px 4px 0; border-top: 3px solid; vertical-align: middle; }
.dir { color: #57606a; font-size: 12px; margin-left: 4px; }
table { width: 100%; border-collapse: separate; border-spacing: 0; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; overflow: hidden; }
th, td { padding: 6px 14px; text-align: left; border-bottom: 1px solid #eaeef2; vertical-align: top; }
tr:last-child td { border-bottom: 0; }
thead th { background: #f6f8fa; font-size: 13px; color: #424a53; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ratio { font-weight: 600; }
table.summary td:first-child { color: #424a53; padding-left: 26px; }
td.better { white-space: nowrap; }
table.summary tr.group th { background: #f6f8fa; font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: #57606a; padding-top: 10px; }
table.kv td:first-child { width: 1%; white-space: nowrap; padding-right: 36px; }
.status { padding: 12px 16px; border-radius: 8px; border: 1px solid; font-weight: 600; }
.status.ok { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.status.fail { background: #ffebe9; border-color: #ff8182; color: #82071e; margin-bottom: 12px; }
.status.none { background: #fff; border-color: #d0d7de; color: #57606a; font-weight: 400; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 14px 0 0; font-size: 14px; }
nav.toc a { color: #0969da; text-decoration: none; }
figure { margin: 0 0 22px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 6px 12px; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { padding: 6px 16px 0; color: #424a53; max-width: 110ch; }
.settings { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; align-items: start; }
.muted { color: #57606a; }
footer { margin-top: 36px; color: #57606a; font-size: 13px; }
@media (max-width: 800px) { .cards, .settings { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print { body { background: #fff; } figure, .card, table { break-inside: avoid; } }`;

function modeName(m: string): string {
  return `${modeSwatch(m)}${esc(labelOfMode(m))}`;
}

/** "legacy vs multiplexed self-heal daemon", or the modes as recorded when they are other ones. */
function modesTitle(modes: readonly string[]): string {
  if (modes.length === 2 && modes.includes('legacy') && modes.includes('mux')) return 'legacy vs multiplexed self-heal daemon';
  if (modes.length === 1 && modes[0] === 'legacy') return 'legacy self-heal daemon';
  if (modes.length === 1 && modes[0] === 'mux') return 'multiplexed self-heal daemon';
  return modes.map(labelOfMode).join(' vs ');
}

function header(result: RunResult, charts: readonly RenderedChart[]): string {
  const { info } = result;
  const secs = [...new Set(result.results.map((r) => r.summary.sim_seconds))];
  const sim =
    secs.length === 1
      ? formatDuration(secs[0]!)
      : result.results.map((r) => `${labelOfMode(r.mode)} ${formatDuration(r.summary.sim_seconds)}`).join(' · ');
  const meta: [string, string][] = [
    ['seed', String(info.seed)],
    ['version', info.version],
    ['modes', info.modes.map(labelOfMode).join(', ')],
    ['scenario file', info.scenario.file],
    ['simulated time', sim],
    ['sample interval', formatDuration(info.sample_interval_s)],
  ];
  return `<header>
<p class="eyebrow">shdsim run report · ${esc(modesTitle(info.modes))}</p>
<h1>${esc(info.scenario.name)}</h1>
<p class="lede">${esc(info.scenario.description || 'No description.')}</p>
<dl class="meta">
${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('\n')}
</dl>
<nav class="toc">
<a href="#headlines">Headline</a>
<a href="#expectations">Expectations</a>
${charts.map((c) => `<a href="#chart-${c.name}">${esc(c.title)}</a>`).join('\n')}
<a href="#summary">Summary table</a>
<a href="#settings">Run settings</a>
</nav>
</header>`;
}

function headlines(h: Headline): string {
  const cards = h.figures.map((f) => {
    const verdict = f.change?.verdict ?? 'na';
    const cls = verdict === 'n/a' ? 'na' : verdict;
    const big = f.change ? f.change.text : (f.modes[0]?.text ?? 'n/a');
    const what = f.change
      ? `${esc(labelOfMode(h.pair![1]))} against ${esc(labelOfMode(h.pair![0]))}<span class="tag">${esc(verdict === 'n/a' ? 'n/a' : verdict)}</span>`
      : esc(f.modes.length === 1 ? labelOfMode(f.modes[0]!.mode) : 'per mode');
    return `<div class="card ${cls}" data-headline="${esc(f.key)}">
<div class="what">${esc(f.label)}</div>
<div class="big${big === 'n/a' ? ' na' : ''}">${esc(f.change || f.modes.length === 1 ? big : '')}</div>
<div class="what">${what}</div>
<div class="vs">${f.modes.map((m) => `${modeName(m.mode)} ${esc(m.text)}`).join(' &nbsp; ')}</div>
</div>`;
  });
  return `<section id="headlines">
<h2>Headline</h2>
<p class="answer">${esc(h.sentence)}</p>
<div class="cards">
${cards.join('\n')}
</div>
</section>`;
}

function expectations(result: RunResult): string {
  const all = result.results.flatMap((r) => r.expectations);
  const failed = all.filter((e) => !e.passed);
  let body: string;
  if (all.length === 0) {
    body = '<p class="status none">This scenario has no expectations.</p>';
  } else if (failed.length === 0) {
    const per = result.results.map((r) => `${labelOfMode(r.mode)} ${r.expectations.length}`).join(', ');
    body = `<p class="status ok">✓ All expectations held (${formatCount(all.length)} checked: ${esc(per)}).</p>`;
  } else {
    body = `<p class="status fail">✗ ${formatCount(failed.length)} of ${formatCount(all.length)} expectations failed.</p>
<table class="expectations">
<thead><tr><th>mode</th><th>where</th><th>expectation</th><th>observed</th><th class="num">decided at (simulated)</th></tr></thead>
<tbody>
${failed.map(expectationRow).join('\n')}
</tbody>
</table>`;
  }
  return `<section id="expectations">
<h2>Expectations</h2>
${body}
</section>`;
}

function expectationRow(e: ExpectationRow): string {
  return `<tr><td>${modeName(e.mode)}</td><td><code>${esc(e.where)}</code></td><td><code>${esc(e.text)}</code></td><td>${esc(e.observed)}</td><td class="num">${esc(`${formatFixed(e.at_s, 1)} s`)}</td></tr>`;
}

function summaryTable(results: readonly ModeResult[]): string {
  const pair = results.length === 2;
  const [a, b] = results;
  const ratioHead = pair ? `${labelOfMode(a!.mode)} ÷ ${labelOfMode(b!.mode)}` : '';
  const head = `<tr><th>metric</th>${results.map((r) => `<th class="num">${modeName(r.mode)}</th>`).join('')}${pair ? `<th class="num">${esc(ratioHead)}</th><th>better</th>` : ''}</tr>`;
  const columns = 1 + results.length + (pair ? 2 : 0);
  const rows: string[] = [];
  for (const g of METRIC_GROUPS) {
    rows.push(`<tr class="group"><th colspan="${columns}">${esc(g)}</th></tr>`);
    for (const [key, m] of Object.entries(SUMMARY_METRICS)) {
      if (m.group !== g) continue;
      const k = key as keyof typeof SUMMARY_METRICS;
      const cells = results.map((r) => {
        const v = r.summary[k];
        return `<td class="num">${v === null ? '<span class="muted">–</span>' : esc(m.format(v))}</td>`;
      });
      const dir = m.better === null ? '' : `<span class="dir" title="${m.better} is better">${m.better === 'lower' ? '↓' : '↑'}</span>`;
      let extra = '';
      if (pair) {
        const va = a!.summary[k];
        const vb = b!.summary[k];
        const r = m.ratio ? ratio(va, vb) : null;
        const rc = !m.ratio ? '' : r !== null ? esc(formatRatio(r)) : va !== null && vb !== null && va !== vb ? '<span class="muted" title="no ratio: one value is 0">–</span>' : '';
        const w = betterOf(m.better, va, vb);
        const bc = w === null ? '' : w === 'same' ? '<span class="muted">same</span>' : modeName((w === 0 ? a! : b!).mode);
        extra = `<td class="num ratio">${rc}</td><td class="better">${bc}</td>`;
      }
      rows.push(`<tr><td>${esc(m.label)}${dir}</td>${cells.join('')}${extra}</tr>`);
    }
  }
  return `<section id="summary">
<h2>Summary table</h2>
<p class="muted">↓ lower is better, ↑ higher is better (no arrow: neither); ${pair ? `the last column names the mode that did better. The ratio is left out where a value is 0.` : 'one mode ran: nothing to compare.'}</p>
<table class="summary">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function chartsSection(charts: readonly RenderedChart[]): string {
  const figures = charts.map(
    (c) => `<figure id="chart-${c.name}">
${c.svg.trimEnd()}
<figcaption>${esc(c.caption)}</figcaption>
</figure>`,
  );
  return `<section id="charts">
<h2>Charts</h2>
${figures.join('\n')}
</section>`;
}

/** 200 MiB, 1 GiB, 1.5 GiB: whole numbers of a unit without decimals. */
function bandwidth(bytes: number): string {
  const { unit, div } = bytesUnit(bytes);
  return Number.isInteger(bytes / div) ? `${formatCount(bytes / div)} ${unit}` : formatBytes(bytes);
}

/** A model setting's value as a user would write it. */
function settingValue(v: unknown): string {
  // Bandwidths are recorded in bytes per second (209715200B/s): shown in binary units (200 MiB/s).
  if (typeof v === 'string' && /^\d+B\/s$/.test(v)) return `${bandwidth(Number(v.slice(0, -3)))}/s`;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map(settingValue).join(', ');
  return JSON.stringify(v) ?? String(v);
}

function keyValueTable(title: string, entries: [string, string][], empty: string): string {
  const rows = entries.length
    ? entries.map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td>${esc(v)}</td></tr>`).join('\n')
    : `<tr><td colspan="2" class="muted">${esc(empty)}</td></tr>`;
  return `<div>
<h3>${esc(title)}</h3>
<table class="kv">
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function settings(result: RunResult): string {
  const { info } = result;
  const sorted = (o: Record<string, unknown>) => Object.keys(o).sort().map((k): [string, string] => [k, settingValue(o[k])]);
  const prints = result.results.map((r): [string, string] => [r.mode, (info.fingerprints as Partial<Record<string, string>>)[r.mode] ?? r.summary.fingerprint]);
  return `<section id="settings">
<h2>Run settings</h2>
<div class="settings">
${keyValueTable('params', sorted(info.params), 'no params')}
${keyValueTable('model settings in force', sorted(info.model), 'none recorded')}
</div>
${keyValueTable('trajectory fingerprints', prints, 'none')}
</section>`;
}
