/**
 * Chart 3b: log bytes by message id, the ten ids with the most bytes over all modes, as grouped bars
 * per mode, each id with what the message says above its bars (from the model's catalogue; an id the
 * catalogue does not know, e.g. from a real system's logs, keeps its number alone). "graph-dump" is
 * the Final graph block; "0" is MSGID 0. The axis stays linear (a bar's length is its size); each
 * bar's label gives its bytes and its share of its mode's log, which is what reads for a mode that
 * logs little.
 */
import type { ModeResult } from '../../reports/types.js';
import { MESSAGE_SUMMARIES } from '../../sim/gluster/logs/summaries.js';
import { barChart } from '../bar-chart.js';
import { bytesUnit, formatBytes, formatFixed, naturalCompare } from '../format.js';
import { modeLabel, modeStyle, type ChartDef } from './common.js';

/** The note above an id's bars: its message text, shortened to fit. */
export function msgidNote(msgid: string, max = 110): string {
  const t = MESSAGE_SUMMARIES.get(msgid);
  if (t === undefined) return '';
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export interface MsgidTotals {
  msgid: string;
  /** Bytes per mode, in the order of the results. */
  bytes: number[];
}

/** The `limit` message ids with the most bytes (summed over modes), largest first, ties by id. */
export function topMsgids(results: readonly ModeResult[], limit = 10): MsgidTotals[] {
  const map = new Map<string, number[]>();
  results.forEach((r, i) => {
    for (const row of r.logs) {
      let b = map.get(row.msgid);
      if (!b) map.set(row.msgid, (b = results.map(() => 0)));
      b[i] += row.bytes;
    }
  });
  const sum = (b: number[]) => b.reduce((a, x) => a + x, 0);
  return [...map.entries()]
    .map(([msgid, bytes]) => ({ msgid, bytes }))
    .filter((m) => sum(m.bytes) > 0)
    .sort((a, b) => sum(b.bytes) - sum(a.bytes) || naturalCompare(a.msgid, b.msgid))
    .slice(0, limit);
}

export const logByMsgid: ChartDef = {
  name: 'log-by-msgid',
  title: 'Log bytes by message id (top ten)',
  caption:
    'Where the log bytes go, by message id, with what each message says (percentages: share of that mode’s log). "graph-dump" is the Final graph block an shd prints whenever it loads a graph: a legacy shd prints every volume’s at each restart, a mux shd one volume’s at each attach.',
  render(result) {
    const top = topMsgids(result.results);
    const totals = result.results.map((r) => r.logs.reduce((a, row) => a + row.bytes, 0));
    const unit = bytesUnit(Math.max(0, ...top.flatMap((m) => m.bytes)));
    return barChart({
      name: this.name,
      title: this.title,
      categories: top.map((m) => (m.msgid === '0' ? '0 (no msgid)' : m.msgid)),
      notes: top.map((m) => msgidNote(m.msgid)),
      groups: result.results.map((r) => ({ label: modeLabel(r.mode), style: modeStyle(r.mode) })),
      // Bars in the axis unit, so its ticks fall on round numbers of that unit.
      values: top.map((m) => m.bytes.map((b) => b / unit.div)),
      x: { label: `bytes logged (${unit.unit})` },
      valueLabel: (_v, ci, gi) => {
        const bytes = top[ci]!.bytes[gi]!;
        const total = totals[gi]!;
        if (bytes === 0) return 'none';
        const share = (100 * bytes) / total;
        return `${formatBytes(bytes)} · ${share < 1 ? '<1' : formatFixed(share, 0)}%`;
      },
      empty: 'nothing was logged in this run',
    });
  },
};
