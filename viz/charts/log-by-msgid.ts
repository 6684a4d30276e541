/**
 * Chart 3b: log bytes by message id, the ten ids with the most bytes over all modes, as grouped bars
 * per mode. "graph-dump" is the Final graph block; "0" is MSGID 0.
 */
import type { ModeResult } from '../../reports/types.js';
import { barChart } from '../bar-chart.js';
import { bytesUnit, formatBytes, formatFixed, naturalCompare } from '../format.js';
import { modeLabel, modeStyle, type ChartDef } from './common.js';

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
    'Where the log bytes go (percentages: share of that mode’s log). "graph-dump" is the Final graph block printed whenever an shd loads a graph: legacy prints every volume’s on every restart.',
  render(result) {
    const top = topMsgids(result.results);
    const totals = result.results.map((r) => r.logs.reduce((a, row) => a + row.bytes, 0));
    const unit = bytesUnit(Math.max(0, ...top.flatMap((m) => m.bytes)));
    return barChart({
      name: this.name,
      title: this.title,
      categories: top.map((m) => (m.msgid === '0' ? '0 (no msgid)' : m.msgid)),
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
