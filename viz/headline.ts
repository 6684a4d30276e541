/**
 * The headline of a run: the few figures a reader of the report (and of `shdsim run`'s terminal
 * summary) wants first, and one sentence that answers the scenario's question — what multiplexing
 * changes here, gains AND costs — e.g. "Multiplexing cut shd starts from 1,029 to 3 and log volume
 * 72.7× (246 MiB → 3.4 MiB); heal latency p99 fell from ≥ 2.01 h to 119.6 s; legacy never healed 38
 * of 104 healable entries, mux healed all 104. Cost: +4.8 MiB peak shd memory on one node."
 *
 * It works for any modes: with legacy and mux, mux is measured against legacy; with two other modes
 * (e.g. two real-system runs) the second against the first, named as recorded; with one mode, or more
 * than two, the sentence states each mode's figures and claims no comparison.
 */
import type { ModeResult, RunResult } from '../reports/types.js';
import { formatBytes, formatCount, formatDuration, formatFixed, formatRatio } from './format.js';
import { healStats, type HealStats } from './heal-stats.js';
import { labelOfMode } from './theme.js';

type Kind = 'count' | 'bytes' | 'duration' | 'mib';

interface FigureDef {
  readonly key: string;
  /** Card title. */
  readonly label: string;
  /** In the sentence. */
  readonly noun: string;
  readonly kind: Kind;
  readonly value: (r: ModeResult, h: HealStats) => number | null;
  /** The value is a lower bound (shown with ≥). */
  readonly bound?: (r: ModeResult, h: HealStats) => boolean;
}

/** Every headline figure is better lower. */
const FIGURES: readonly FigureDef[] = [
  { key: 'heal_latency_p99_s', label: 'heal latency p99', noun: 'heal latency p99', kind: 'duration', value: (r) => r.summary.heal_latency_p99_s, bound: (_r, h) => h.p99LowerBound },
  { key: 'never_healed', label: 'entries never healed', noun: 'entries never healed', kind: 'count', value: (_r, h) => (h.healable > 0 ? h.neverHealed : null) },
  { key: 'shd_starts', label: 'shd starts', noun: 'shd starts', kind: 'count', value: (r) => r.summary.shd_starts },
  { key: 'log_bytes', label: 'log volume', noun: 'log volume', kind: 'bytes', value: (r) => r.summary.log_bytes },
  { key: 'peak_shd_rss_mib', label: 'peak shd memory (one node)', noun: 'peak shd memory on one node', kind: 'mib', value: (r) => r.summary.peak_shd_rss_mib },
  { key: 'op_latency_p99_s', label: 'operation latency p99', noun: 'operation latency p99', kind: 'duration', value: (r) => r.summary.op_latency_p99_s },
];

export interface ModeFigure {
  readonly mode: string;
  readonly value: number | null;
  readonly lowerBound: boolean;
  /** As shown: "≥ 2.01 h", "38 of 104", "n/a". */
  readonly text: string;
}

export type Verdict = 'gain' | 'cost' | 'same' | 'n/a';

export interface HeadlineFigure {
  readonly key: string;
  readonly label: string;
  readonly noun: string;
  readonly modes: readonly ModeFigure[];
  /** With two modes: the second measured against the first. */
  readonly change: { readonly verdict: Verdict; readonly text: string } | null;
}

export interface Headline {
  /** The pair compared (baseline first), or null when there is none. */
  readonly pair: readonly [string, string] | null;
  readonly figures: readonly HeadlineFigure[];
  readonly sentence: string;
}

function fmt(kind: Kind, v: number): string {
  switch (kind) {
    case 'count':
      return formatCount(v);
    case 'bytes':
      return formatBytes(v);
    case 'duration':
      return formatDuration(v);
    case 'mib':
      return `${formatFixed(v, 1)} MiB`;
  }
}

function shown(def: FigureDef, f: { value: number | null; lowerBound: boolean }, h: HealStats): string {
  if (f.value === null) return 'n/a';
  const base = def.key === 'never_healed' ? `${formatCount(f.value)} of ${formatCount(h.healable)}` : fmt(def.kind, f.value);
  return f.lowerBound ? `≥ ${base}` : base;
}

/** The order of the pair: legacy is the baseline when both model modes ran; else the first two. */
function pairOf(results: readonly ModeResult[]): [ModeResult, ModeResult] | null {
  if (results.length !== 2) return null;
  const [a, b] = results as [ModeResult, ModeResult];
  return b.mode === 'legacy' && a.mode === 'mux' ? [b, a] : [a, b];
}

/** How much better or worse b is than a (lower is better). */
function change(def: FigureDef, a: ModeFigure, b: ModeFigure): { verdict: Verdict; text: string } {
  if (a.value === null || b.value === null) return { verdict: 'n/a', text: 'n/a' };
  if (a.value === b.value && a.lowerBound === b.lowerBound) return { verdict: 'same', text: 'same' };
  const verdict: Verdict = b.value < a.value ? 'gain' : b.value > a.value ? 'cost' : 'same';
  if (verdict === 'same') return { verdict, text: 'same' };
  const hi = Math.max(a.value, b.value);
  const lo = Math.min(a.value, b.value);
  // A factor when it is large and means something; else the difference.
  if (def.kind !== 'mib' && lo > 0 && hi / lo >= 1.5) {
    const word = def.kind === 'duration' ? (verdict === 'gain' ? 'faster' : 'slower') : def.kind === 'bytes' ? (verdict === 'gain' ? 'less' : 'more') : verdict === 'gain' ? 'fewer' : 'more';
    // With a lower bound on the larger value, the factor is a lower bound too.
    const larger = b.value > a.value ? b : a;
    const smaller = b.value > a.value ? a : b;
    const q = larger.lowerBound && !smaller.lowerBound ? '≥ ' : smaller.lowerBound && !larger.lowerBound ? '≤ ' : '';
    return { verdict, text: `${q}${formatRatio(hi / lo)} ${word}` };
  }
  if (lo === 0) return { verdict, text: `${fmt(def.kind, a.value)} → ${fmt(def.kind, b.value)}` };
  const d = b.value - a.value;
  return { verdict, text: `${d > 0 ? '+' : '−'}${fmt(def.kind, Math.abs(d))}` };
}

export function headline(result: RunResult): Headline {
  const stats = new Map(result.results.map((r) => [r.mode as string, healStats(r)]));
  const pair = pairOf(result.results);
  const order = pair ?? result.results;
  const figures = FIGURES.map((def): HeadlineFigure => {
    const modes = order.map((r): ModeFigure => {
      const h = stats.get(r.mode)!;
      const value = def.value(r, h);
      const lowerBound = value !== null && (def.bound?.(r, h) ?? false);
      return { mode: r.mode, value, lowerBound, text: shown(def, { value, lowerBound }, h) };
    });
    return { key: def.key, label: def.label, noun: def.noun, modes, change: pair ? change(def, modes[0]!, modes[1]!) : null };
  });
  const sentence = pair ? pairSentence(pair, figures, stats) : listSentence(order, figures);
  return { pair: pair ? [pair[0].mode, pair[1].mode] : null, figures, sentence };
}

function fig(figures: readonly HeadlineFigure[], key: string): HeadlineFigure {
  return figures.find((f) => f.key === key)!;
}

/** " (+2.7 %)": the relative change of a pair, when the first value is not 0. */
function percent(f: HeadlineFigure): string {
  const a = f.modes[0]!.value;
  const b = f.modes[1]!.value;
  if (a === null || b === null || a === 0) return '';
  const p = (100 * (b - a)) / a;
  return ` (${p > 0 ? '+' : '−'}${formatFixed(Math.abs(p), Math.abs(p) < 10 ? 1 : 0)} %)`;
}

/** "from A to B" with each value as shown (bounds included). */
const fromTo = (f: HeadlineFigure) => `from ${f.modes[0]!.text} to ${f.modes[1]!.text}`;

function pairSentence([a, b]: [ModeResult, ModeResult], figures: readonly HeadlineFigure[], stats: ReadonlyMap<string, HealStats>): string {
  const la = labelOfMode(a.mode);
  const lb = labelOfMode(b.mode);
  const model = a.mode === 'legacy' && b.mode === 'mux';
  // "Multiplexing cut …" / "With multiplexing, … fell"; for other modes, named as recorded
  const subject = model ? 'Multiplexing' : `Against ${la}, ${lb}`;
  const withSubject = model ? 'With multiplexing' : `With ${lb} instead of ${la}`;
  const cut: string[] = [];
  const fell: string[] = [];
  const costs: string[] = [];
  const starts = fig(figures, 'shd_starts');
  const logs = fig(figures, 'log_bytes');
  const logPair = `(${logs.modes[0]!.text} → ${logs.modes[1]!.text})`;
  if (starts.change?.verdict === 'gain') cut.push(`shd starts ${fromTo(starts)}`);
  if (starts.change?.verdict === 'cost') costs.push(`shd starts up ${fromTo(starts)}`);
  // "log volume 72.7× (246 MiB → 3.4 MiB)": the factor when there is one, else the two values
  const factor = logs.change && /×/.test(logs.change.text) ? `${logs.change.text.split(' ')[0]} ` : '';
  if (logs.change?.verdict === 'gain') cut.push(`log volume ${factor}${logPair}`);
  if (logs.change?.verdict === 'cost') costs.push(`log volume ${logs.change.text} ${logPair}`);
  for (const key of ['heal_latency_p99_s', 'op_latency_p99_s', 'peak_shd_rss_mib']) {
    const f = fig(figures, key);
    if (f.change?.verdict === 'gain') fell.push(`${f.noun} fell ${fromTo(f)}`);
    else if (f.change?.verdict === 'cost') costs.push(`${f.noun} rose ${fromTo(f)}${percent(f)}`);
  }
  const parts: string[] = [];
  if (cut.length) parts.push(`${subject} cut ${cut.join(' and ')}`);
  if (fell.length) parts.push(cut.length ? fell.join('; ') : `${withSubject}, ${fell.join('; ')}`);
  const ha = stats.get(a.mode)!;
  const hb = stats.get(b.mode)!;
  if (ha.neverHealed > 0 || hb.neverHealed > 0) {
    // the mode that left more entries unhealed first: "legacy never healed 38 of 104 healable entries, mux healed all 104"
    const [worse, better] = ha.neverHealed >= hb.neverHealed ? [[la, ha] as const, [lb, hb] as const] : [[lb, hb] as const, [la, ha] as const];
    const second = better[1].neverHealed === 0 ? `${better[0]} healed all ${formatCount(better[1].healable)}` : `${better[0]} ${formatCount(better[1].neverHealed)} of ${formatCount(better[1].healable)}`;
    parts.push(`${worse[0]} never healed ${formatCount(worse[1].neverHealed)} of ${formatCount(worse[1].healable)} healable entries, ${second}`);
    if (hb.neverHealed > ha.neverHealed) costs.push(`${formatCount(hb.neverHealed - ha.neverHealed)} more entries never healed`);
  }
  let text = parts.length ? `${parts.join('; ')}.` : `${subject} improved none of the headline figures.`;
  text += costs.length ? ` Cost: ${costs.join('; ')}.` : ' No headline figure got worse.';
  return text;
}

function listSentence(results: readonly ModeResult[], figures: readonly HeadlineFigure[]): string {
  return results
    .map((r, i) => {
      const v = (key: string) => fig(figures, key).modes[i]!;
      const bits: string[] = [];
      const p99 = v('heal_latency_p99_s');
      const never = v('never_healed');
      if (p99.value !== null) bits.push(`heal latency p99 ${p99.text}${never.value !== null ? (never.value === 0 ? ', every healable entry healed' : `, ${never.text} healable entries never healed`) : ''}`);
      else bits.push('no entry became healable');
      const starts = v('shd_starts').value!;
      bits.push(`${formatCount(starts)} shd start${starts === 1 ? '' : 's'}`);
      bits.push(`${v('log_bytes').text} logged`);
      bits.push(`peak shd memory ${v('peak_shd_rss_mib').text} on one node`);
      const op = v('op_latency_p99_s');
      if (op.value !== null) bits.push(`operation latency p99 ${op.text}`);
      return `${labelOfMode(r.mode)}: ${bits.join('; ')}.`;
    })
    .join(' ');
}
