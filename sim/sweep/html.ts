/**
 * sweep.html: one self-contained page (inline CSS and SVG, no script, nothing fetched; the same
 * Content-Security-Policy as report.html) with the sweep's settings, its objectives (`--slo`) and
 * where each mode first meets them, its charts and heatmaps, and a table of the main metrics per grid
 * point and mode that fits the page: each cell the mean over seeds, under it the 95 % CI half-width
 * and the range over seeds (a mean of 16 s and 3,679 s shows as such, not as one typical value).
 * Everything on it comes from sweep.json, the rows of sweep.csv and the objectives, so a merge of
 * shards draws the same bytes as one sweep.
 */
import { esc, FONT_FAMILY, formatBytes, formatCount, formatDuration, formatFixed, htmlPage, labelOfMode, modeSwatch } from '../../viz/index.js';
import type { SweepChart } from './charts.js';
import { pointLabel } from './grid.js';
import { meets, sloLabel, type Slo } from './slo.js';
import type { SweepSpec } from './spec.js';
import { METRICS, type Group } from './summary.js';

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
  { metric: 'heals_completed', label: 'heals done', format: count },
  { metric: 'pending_heals_end', label: 'pending at end', format: count },
  { metric: 'log_bytes_per_hour', label: 'log per hour', format: (v) => `${formatBytes(v)}/h` },
  { metric: 'shd_starts', label: 'shd starts', format: count },
  { metric: 'peak_shd_rss_mib', label: 'peak shd RSS', format: (v) => `${formatFixed(v, 1)} MiB` },
  { metric: 'expectations_failed', label: 'expect. failed', format: count },
];

/** How to show any metric: the table's format, or by its unit. */
function formatOf(metric: string): (v: number) => string {
  const col = TABLE.find((c) => c.metric === metric);
  if (col) return col.format;
  if (metric.endsWith('_s')) return formatDuration;
  if (metric.endsWith('_mib')) return (v) => `${formatFixed(v, 1)} MiB`;
  if (metric.includes('bytes')) return formatBytes;
  return count;
}

export function renderSweepHtml(spec: SweepSpec, groups: readonly Group[], charts: readonly SweepChart[], slos: readonly Slo[] = []): string {
  const runs = groups.reduce((n, g) => n + g.rows.length, 0);
  const seeds = spec.seeds === 1 ? String(spec.base_seed) : `${spec.base_seed}–${spec.base_seed + spec.seeds - 1}`;
  const meta: [string, string][] = [
    ['scenario file', spec.scenario.file],
    ['version', spec.version],
    ['modes', spec.modes.map(labelOfMode).join(', ')],
    ['seeds', `${seeds} (${spec.seeds} per point and mode)`],
    ['grid points', formatCount(groups.length === 0 ? 0 : new Set(groups.map((g) => g.point.index)).size)],
    ['runs', formatCount(runs)],
  ];
  const body = [
    `<header>
<p class="eyebrow">shdsim sweep · ${esc(spec.modes.map(labelOfMode).join(' vs '))}</p>
<h1>${esc(spec.scenario.name)}</h1>
<dl class="meta">
${meta.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('\n')}
</dl>
${gridList(spec)}
${spec.shard ? `<p class="status">Shard ${spec.shard.index} of ${spec.shard.count}: only this shard's runs. <code>shdsim merge</code> joins the shards.</p>` : ''}
<nav class="toc">
${slos.length ? '<a href="#objectives">Objectives</a>\n' : ''}${charts.map((c) => `<a href="#chart-${esc(c.name)}">${esc(c.name)}</a>`).join('\n')}
<a href="#summary">Summary table</a>
</nav>
</header>`,
    slos.length ? objectives(spec, groups, slos) : '',
    `<section id="charts">
<h2>Charts</h2>
${charts.map((c) => `<figure id="chart-${esc(c.name)}">\n${c.svg.trimEnd()}\n<figcaption>${esc(c.caption)}</figcaption>\n</figure>`).join('\n')}
</section>`,
    summaryTable(spec, groups, slos),
    `<footer>Written by shdsim ${esc(spec.version)}: the same scenario, arguments and version give these same bytes. Every run is a row of sweep.csv; every metric's mean and confidence interval is in sweep-summary.csv.</footer>`,
  ].filter((b) => b !== '');
  return htmlPage(`shdsim sweep · ${spec.scenario.name}`, CSS, body);
}

function gridList(spec: SweepSpec): string {
  const items = spec.grid.map((a) => `<li><code>${esc(a.key)}</code> = ${a.values.map((v) => `<code>${esc(v)}</code>`).join(', ')}</li>`);
  const sets = spec.set.map((s) => `<li>fixed: <code>${esc(s)}</code></li>`);
  return `<ul class="grid">\n${[...items, ...sets].join('\n')}\n</ul>`;
}

/** The objectives: per mode (and combination of the other keys), which points meet each, the first one. */
function objectives(spec: SweepSpec, groups: readonly Group[], slos: readonly Slo[]): string {
  const first = spec.grid[0]!;
  const items = slos.map((o) => {
    const fmt = formatOf(o.metric);
    const lines = spec.modes.map((mode) => {
      const mine = groups.filter((g) => g.mode === mode);
      // one line per combination of the other keys, in grid order
      const combos = [...new Map(mine.map((g) => [g.point.values.slice(1).join('\u0000'), g.point.values.slice(1)])).values()];
      return combos
        .map((rest) => {
          const row = first.values
            .map((v) => mine.find((g) => g.point.values[0] === v && g.point.values.slice(1).every((x, i) => x === rest[i])))
            .filter((g): g is Group => g !== undefined);
          const ok = row.filter((g) => meets(o, g.stats.get(o.metric)!.mean));
          const where = rest.length ? ` (${spec.grid.slice(1).map((a, i) => `${a.key}=${rest[i]}`).join(', ')})` : '';
          const firstOk = ok[0];
          const verdict = firstOk
            ? `first meets it at <strong>${esc(`${first.key}=${firstOk.point.values[0]}`)}</strong> (mean ${esc(fmt(firstOk.stats.get(o.metric)!.mean!))}); meets it at ${ok.length} of ${row.length} points`
            : `<strong>meets it at no point</strong>${row.length ? ` (best: ${esc(best(o, row, fmt))})` : ''}`;
          return `<li>${modeSwatch(mode)}${esc(labelOfMode(mode))}${esc(where)}: ${verdict}</li>`;
        })
        .join('\n');
    });
    return `<div class="slo"><h3><code>--slo ${esc(o.text)}</code>: ${esc(sloLabel(o))} (mean over seeds)</h3>\n<ul>\n${lines.join('\n')}\n</ul></div>`;
  });
  return `<section id="objectives">
<h2>Objectives</h2>
${items.join('\n')}
</section>`;
}

function best(o: Slo, row: readonly Group[], fmt: (v: number) => string): string {
  const vals = row.map((g) => ({ g, v: g.stats.get(o.metric)!.mean })).filter((x): x is { g: Group; v: number } => x.v !== null);
  if (vals.length === 0) return 'no value';
  const b = vals.reduce((a, x) => ((o.op === '<=' ? x.v < a.v : x.v > a.v) ? x : a));
  return `${fmt(b.v)} at ${b.g.point.values[0]}`;
}

function summaryTable(spec: SweepSpec, groups: readonly Group[], slos: readonly Slo[]): string {
  const sloOf = (metric: string) => slos.filter((o) => o.metric === metric);
  const head = `<tr>${spec.grid.map((a) => `<th>${esc(a.key)}</th>`).join('')}<th>mode</th><th class="num">runs</th>${TABLE.map((c) => `<th class="num">${esc(c.label)}${sloOf(c.metric).length ? `<br><span class="ci">${esc(sloOf(c.metric).map((o) => `${o.op === '<=' ? '≤' : '≥'} ${c.format(o.value)}`).join(', '))}</span>` : ''}</th>`).join('')}</tr>`;
  const rows = groups.map((g) => {
    const cells = TABLE.map((c) => {
      const s = g.stats.get(c.metric)!;
      if (s.mean === null) return '<td class="num"><span class="muted">–</span></td>';
      const metric = METRICS.find((m) => m.name === c.metric)!;
      const values = g.rows.map(metric.value).filter((v): v is number => v !== null);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      const extra: string[] = [];
      if (s.ci95 !== null && s.ci95 > 0) extra.push(`± ${esc(c.format(s.ci95))}`);
      if (values.length > 1 && lo !== hi) extra.push(`${esc(c.format(lo))} – ${esc(c.format(hi))}`);
      const objs = sloOf(c.metric);
      const ok = objs.length ? objs.every((o) => meets(o, s.mean)) : null;
      const mark = ok === null ? '' : ok ? ' <span class="ok" title="meets the objective">✓</span>' : ' <span class="no" title="misses the objective">✗</span>';
      return `<td class="num${ok === null ? '' : ok ? ' meets' : ' misses'}">${esc(c.format(s.mean))}${mark}${extra.length ? `<br><span class="ci">${extra.join('<br>')}</span>` : ''}</td>`;
    });
    return `<tr title="${esc(pointLabel(spec.grid, g.point))}">${g.point.values.map((v) => `<td>${esc(v)}</td>`).join('')}<td class="mode">${modeSwatch(g.mode)}${esc(labelOfMode(g.mode))}</td><td class="num">${g.rows.length}</td>${cells.join('')}</tr>`;
  });
  return `<section id="summary">
<h2>Summary table</h2>
<p class="muted">Each cell: the mean over seeds; under it, ± the half-width of its 95 % confidence interval (Student t; none with one seed) and the range over seeds. “–”: no value in any run (e.g. no heal completed).${slos.length ? ' ✓ / ✗: the mean meets / misses the objective in the column’s head.' : ''}</p>
<table class="summary">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

const CSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 15px/1.5 ${FONT_FAMILY}; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 12px; }
h2 { font-size: 19px; margin: 36px 0 14px; padding-bottom: 6px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 15px; margin: 12px 0 6px; }
code { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #eff2f5; padding: 1px 4px; border-radius: 4px; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #57606a; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px 24px; margin: 0; padding: 14px 18px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
dl.meta dt { font-size: 12px; color: #57606a; }
dl.meta dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
ul.grid { margin: 14px 0 0; padding-left: 20px; }
.status { padding: 10px 14px; border-radius: 8px; border: 1px solid #d0d7de; background: #fff; }
.slo { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 18px 8px; margin-bottom: 12px; }
.slo ul { margin: 0; padding-left: 4px; list-style: none; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 14px 0 0; font-size: 14px; }
nav.toc a { color: #0969da; text-decoration: none; }
figure { margin: 0 0 22px; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 6px 12px; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { padding: 6px 16px 0; color: #424a53; max-width: 110ch; }
table { width: 100%; table-layout: auto; border-collapse: separate; border-spacing: 0; background: #fff; font-size: 13px; border: 1px solid #d0d7de; border-radius: 8px; }
th, td { padding: 5px 7px; text-align: left; border-bottom: 1px solid #eaeef2; vertical-align: top; overflow-wrap: anywhere; }
tr:last-child td { border-bottom: 0; }
thead th { background: #f6f8fa; font-size: 12px; color: #424a53; font-weight: 600; line-height: 1.3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.meets { background: #f0fff4; }
td.misses { background: #fff5f5; }
.ok { color: #116329; font-weight: 700; }
.no { color: #82071e; font-weight: 700; }
td.mode { white-space: nowrap; }
.ci { color: #57606a; font-size: 11px; font-weight: 400; }
.swatch { display: inline-block; width: 18px; height: 0; margin: 0 5px 4px 0; border-top: 3px solid; vertical-align: middle; }
.muted { color: #57606a; }
footer { margin-top: 36px; color: #57606a; font-size: 13px; }
@media (max-width: 800px) { main { padding: 16px; } table { font-size: 12px; } }
@media print { body { background: #fff; } figure, table { break-inside: avoid; } }`;
