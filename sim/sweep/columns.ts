/**
 * The columns of sweep.csv: one per grid key (named as given), then summary.csv's columns — which
 * begin with `mode` and `seed` — cell for cell as summary.csv writes them (reports/tables.ts and
 * reports/cells.ts: same cell types, same fixed precision), and the same CSV conventions.
 */
import { stringify } from 'csv-stringify/sync';
import type { CellType } from '../../reports/cells.js';
import { encodeCell } from '../../reports/cells.js';
import { TABLES } from '../../reports/tables.js';
import type { SummaryRow } from '../../reports/types.js';
import type { GridAxis } from './grid.js';

const SUMMARY = TABLES.find((t) => t.file === 'summary.csv');
if (!SUMMARY || SUMMARY.columns[0]?.name !== 'mode' || SUMMARY.columns[1]?.name !== 'seed') {
  // sweep.csv puts grid columns before summary.csv's and relies on it starting with mode, seed.
  throw new Error('summary.csv no longer starts with mode, seed: sim/sweep/columns.ts needs updating');
}

/** summary.csv's columns, in its order. */
export const SUMMARY_COLUMNS: readonly { readonly name: string; readonly type: CellType }[] = SUMMARY.columns;

/** The numeric summary columns (everything but mode, seed and the fingerprint): the metrics. */
export const METRIC_COLUMNS = SUMMARY_COLUMNS.filter((c) => c.name !== 'mode' && c.name !== 'seed' && c.type.kind !== 'string' && c.type.kind !== 'enum' && c.type.kind !== 'bool');

/** Names a grid key may not take: sweep.csv already has columns by these names. */
export const RESERVED_COLUMNS: ReadonlySet<string> = new Set(SUMMARY_COLUMNS.map((c) => c.name));

export function sweepHeader(axes: readonly GridAxis[]): string[] {
  return [...axes.map((a) => a.key), ...SUMMARY_COLUMNS.map((c) => c.name)];
}

/** One summary row as summary.csv's cells. */
export function summaryCells(row: SummaryRow): string[] {
  const rec = row as unknown as Record<string, unknown>;
  return SUMMARY_COLUMNS.map((c) => encodeCell(rec[c.name], c.type, `summary.csv:${c.name}`));
}

// The CSV conventions of reports/csv.ts: `\n` line ends, quotes only where needed, and a bare `\r`
// quoted too.
const CSV_OPTIONS = { record_delimiter: '\n', quoted_match: /\r/ } as const;

/** One record as one CSV line, with its line end. */
export function csvLine(cells: readonly string[]): string {
  return stringify([[...cells]], CSV_OPTIONS);
}

/** A whole file: the header line, then the records. */
export function csvText(header: readonly string[], records: readonly (readonly string[])[]): string {
  return csvLine(header) + records.map((r) => csvLine(r)).join('');
}
