/** Every chart of the report, in the order the report shows them. */
import type { RunResult } from '../../reports/types.js';
import type { ChartDef, RenderedChart } from './common.js';
import { events } from './events.js';
import { frames } from './frames.js';
import { healLatencyCdf } from './heal-latency-cdf.js';
import { logByMsgid } from './log-by-msgid.js';
import { logBytes } from './log-bytes.js';
import { opLatency } from './op-latency.js';
import { pendingHeals } from './pending-heals.js';
import { shdRss } from './shd-rss.js';
import { shdTimeline } from './shd-timeline.js';

export const CHARTS: readonly ChartDef[] = [healLatencyCdf, pendingHeals, logBytes, logByMsgid, shdTimeline, events, frames, shdRss, opLatency];

export function renderCharts(result: RunResult): RenderedChart[] {
  return CHARTS.map((c) => ({ name: c.name, title: c.title, caption: typeof c.caption === 'string' ? c.caption : c.caption(result), svg: c.render(result) }));
}

export type { ChartDef, RenderedChart } from './common.js';
