/**
 * A RunResult as it will read back from its files: every value passed through its CSV cell (seconds
 * to 6 decimals, MiB to 3) and the RunInfo through run.json. The report and charts of a run are drawn
 * from this, not from the raw result, which is what makes `renderReport(readRunOutputs(dir))`
 * byte-identical to the report the run wrote.
 */
import { decodeCell, encodeCell } from './cells.js';
import { parseRunJson, runJsonText } from './run-json.js';
import { TABLES, rowsOf } from './tables.js';
import type { ModeResult, RunResult } from './types.js';

export function quantizeRunResult(result: RunResult): RunResult {
  checkShape(result);
  const parsed = parseRunJson(runJsonText(result.info));
  if ('error' in parsed) throw new TypeError(`RunInfo cannot be written to run.json: ${parsed.error}`);
  const results = result.results.map((r) => {
    const out: Record<string, unknown> = { mode: r.mode };
    for (const spec of TABLES) {
      const rows = rowsOf(r, spec).map((row) => {
        const q: Record<string, unknown> = {};
        for (const c of spec.columns) {
          const where = `${spec.file}:${c.name}`;
          const d = decodeCell(encodeCell(row[c.name], c.type, where), c.type);
          if ('error' in d) throw new TypeError(`${where}: ${d.error}`); // cannot happen for an encoded cell
          q[c.name] = d.value;
        }
        return q;
      });
      out[spec.field] = spec.field === 'summary' ? rows[0] : rows;
    }
    return out as unknown as ModeResult;
  });
  return { info: parsed.info, results };
}

/** The invariants the files rely on; breaking one is a bug in whoever built the RunResult. */
function checkShape(result: RunResult): void {
  const modes = result.results.map((r) => r.mode);
  if (modes.join(',') !== result.info.modes.join(',')) {
    throw new TypeError(`results are for modes [${modes.join(', ')}] but info.modes is [${result.info.modes.join(', ')}]`);
  }
  for (const r of result.results) {
    for (const spec of TABLES) {
      for (const row of rowsOf(r, spec)) {
        if (row.mode !== r.mode) throw new TypeError(`${spec.file}: a row of mode '${String(row.mode)}' in the ${r.mode} result`);
      }
    }
  }
}
