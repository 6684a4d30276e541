/**
 * sweep.html: one self-contained page (inline CSS and SVG, no script, nothing fetched; the same
 * Content-Security-Policy as report.html) with the sweep's settings, its charts and a table of the
 * main metrics per grid point and mode (mean ± 95 % CI half-width over seeds). Everything on it comes
 * from sweep.json and the rows of sweep.csv, so a merge of shards draws the same bytes as one sweep.
 */
import { esc, FONT_FAMILY, formatBytes, formatCount, formatDuration, formatFixed, htmlPage, MODE_LABEL, MODE_STYLE } from '../../viz/index.js';
import type { SweepChart } from './charts.js';
import { pointLabel } from './grid.js';
import type { SweepSpec } from './spec.js';
import type { Group } from './summary.js';

interface Column {
  readonly metric: string;
  readonly label: string;
  readonly format: (v: number) => string;
}

const count = (v: number) => (Number.isInteger(v) ? formatCount(v) : formatFixed(v, 1));

/** The table's metrics; every metric is in sweep-summary.csv. */
const TABLE: readonly Column[] = [
  { metric: 'heal_latency_p50_s', label: 'heal p50', format: formatDuration },
  { metric: 'heal_latency_p99_s', label: 'heal p99', format: formatDuration },
  { metric: 'heals_completed', label: 'heals completed', format: count },
  { metric: 'pending_heals_end', label: 'pending at end', format: count },
  { metric: 'log_bytes_per_hour', label: 'log volume per hour', format: (v) => `${formatBytes(v)}/h` },
  { metric: 'shd_starts', label: 'shd starts', format: count },
  { metric: 'peak_shd_rss_mib', label: 'peak shd RSS', format: (v) => `${formatFixed(v, 1)} MiB` },
  { metric: 'expectations_failed', label: 'expectations failed', format: count },
];

export function renderSweepHtml(spec: SweepSpec, groups: readonly Group[], charts: readonly SweepChart[]): string {
  const runs = groups.reduce((n, g) => n + g.rows.length, 0);
  const seeds = spec.seeds === 1 ? String(spec.base_seed) : `${spec.base_seed}–${spec.base_seed + spec.seeds - 1}`;
  const meta: [string, string][] = [
    ['scenario file', spec.scenario.file],
    ['version', spec.version],
    ['modes', spec.modes.map((m) => MODE_LABEL[m]).join(', ')],
    ['seeds', `${seeds} (${spec.seeds} per point and mode)`],
    ['grid points', formatCount(groups.length === 0 ? 0 : new Set(groups.map((g) => g.point.index)).size)],
    ['runs', formatCount(runs)],
  ];
  const body = [
    `<header>
<p class="eyebrow">shdsim sweep · legacy vs multiplexed self-heal daemon</p>
<h1>${esc(spec.scenario.name)}</h1>
<dl class="meta">
${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('\n')}
</dl>
${gridList(spec)}
${spec.shard ? `<p class="status">Shard ${spec.shard.index} of ${spec.shard.count}: only this shard's runs. <code>shdsim merge</code> joins the shards.</p>` : ''}
<nav class="toc">
${charts.map((c) => `<a href="#chart-${esc(c.name)}">${esc(c.name)}</a>`).join('\n')}
<a href="#summary">Summary table</a>
</nav>
</header>`,
    `<section id="charts">
<h2>Charts</h2>
${charts.map((c) => `<figure id="chart-${esc(c.name)}">\n${c.svg.trimEnd()}\n<figcaption>${esc(c.caption)}</figcaption>\n</figure>`).join('\n')}
</section>`,
    summaryTable(spec, groups),
    `<footer>Written by shdsim ${esc(spec.version)}: the same scenario, arguments and version give these same bytes. Every run is a row of sweep.csv; every metric's mean and confidence interval is in sweep-summary.csv.</footer>`,
  ];
  return htmlPage(`shdsim sweep · ${spec.scenario.name}`, CSS, body);
}

function gridList(spec: SweepSpec): string {
  const items = spec.grid.map((a) => `<li><code>${esc(a.key)}</code> = ${a.values.map((v) => `<code>${esc(v)}</code>`).join(', ')}</li>`);
  const sets = spec.set.map((s) => `<li>fixed: <code>${esc(s)}</code></li>`);
  return `<ul class="grid">\n${[...items, ...sets].join('\n')}\n</ul>`;
}

function summaryTable(spec: SweepSpec, groups: readonly Group[]): string {
  const head = `<tr>${spec.grid.map((a) => `<th>${esc(a.key)}</th>`).join('')}<th>mode</th><th class="num">runs</th>${TABLE.map((c) => `<th class="num">${esc(c.label)}</th>`).join('')}</tr>`;
  const rows = groups.map((g) => {
    const cells = TABLE.map((c) => {
      const s = g.stats.get(c.metric)!;
      if (s.mean === null) return '<td class="num"><span class="muted">–</span></td>';
      const ci = s.ci95 === null ? '' : ` <span class="ci">± ${esc(c.format(s.ci95))}</span>`;
      return `<td class="num">${esc(c.format(s.mean))}${ci}</td>`;
    });
    return `<tr title="${esc(pointLabel(spec.grid, g.point))}">${g.point.values.map((v) => `<td>${esc(v)}</td>`).join('')}<td class="mode"><span class="swatch ${g.mode}"></span>${esc(MODE_LABEL[g.mode])}</td><td class="num">${g.rows.length}</td>${cells.join('')}</tr>`;
  });
  return `<section id="summary">
<h2>Summary table</h2>
<p class="muted">Mean over seeds ± half-width of the 95 % confidence interval (Student t; none with one seed). “–”: no value in any run (e.g. no heal completed).</p>
<div class="scroll">
<table class="summary">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>`;
}

const CSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 15px/1.5 ${FONT_FAMILY}; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 12px; }
h2 { font-size: 19px; margin: 36px 0 14px; padding-bottom: 6px; border-bottom: 1px solid #d0d7de; }
code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #eff2f5; padding: 1px 4px; border-radius: 4px; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #57606a; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px 24px; margin: 0; padding: 14px 18px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
dl.meta dt { font-size: 12px; color: #57606a; }
dl.meta dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
ul.grid { margin: 14px 0 0; padding-left: 20px; }
.status { padding: 10px 14px; border-radius: 8px; border: 1px solid #d0d7de; background: #fff; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 14px 0 0; font-size: 14px; }
nav.toc a { color: #0969da; text-decoration: none; }
figure { margin: 0 0 22px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 6px 12px; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { padding: 6px 16px 0; color: #424a53; max-width: 110ch; }
div.scroll { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 8px; }
table { width: 100%; border-collapse: separate; border-spacing: 0; background: #fff; font-size: 14px; }
th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid #eaeef2; vertical-align: top; }
tr:last-child td { border-bottom: 0; }
thead th { background: #f6f8fa; font-size: 13px; color: #424a53; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mode { white-space: nowrap; }
.ci { color: #57606a; font-size: 12px; }
.swatch { display: inline-block; width: 22px; height: 0; margin: 0 6px 4px 0; border-top: 3px solid; vertical-align: middle; }
.swatch.legacy { border-top-style: dashed; border-color: ${MODE_STYLE.legacy.color}; }
.swatch.mux { border-color: ${MODE_STYLE.mux.color}; }
.muted { color: #57606a; }
footer { margin-top: 36px; color: #57606a; font-size: 13px; }
@media (max-width: 800px) { main { padding: 16px; } }
@media print { body { background: #fff; } figure, table { break-inside: avoid; } }`;
