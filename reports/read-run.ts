/**
 * Reads a run's output directory back into a RunResult: run.json for the RunInfo, then every CSV
 * file, each row checked against its column types and grouped by mode in the order of run.json's
 * `modes`. Anything missing or malformed is a UserError (exit 2) naming the file, the line and what
 * is wrong, never a stack trace.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../sim/errors.js';
import type { Mode } from '../sim/mode.js';
import { decodeCell } from './cells.js';
import { parseCsv } from './csv.js';
import { RUN_JSON, parseRunJson } from './run-json.js';
import { TABLES, type TableSpec } from './tables.js';
import type { ModeResult, RunInfo, RunResult, SummaryRow } from './types.js';

export function readRunOutputs(dir: string): RunResult {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`${dir}: no such directory`);
  }
  if (!isDir) throw new UserError(`${dir}: not a directory`);

  const runJsonPath = join(dir, RUN_JSON);
  const parsed = parseRunJson(readText(runJsonPath));
  if ('error' in parsed) throw new UserError(`${runJsonPath}: ${parsed.error}`);
  const info: RunInfo = parsed.info;

  const byMode = new Map<Mode, Partial<ModeResult> & Record<string, unknown>>();
  for (const m of info.modes) byMode.set(m, { mode: m });
  for (const spec of TABLES) {
    const path = join(dir, spec.file);
    for (const { line, row } of readTable(path, spec)) {
      const mode = row.mode as Mode;
      const target = byMode.get(mode);
      if (!target) {
        throw new UserError(`mode '${mode}' is not among run.json's modes (${info.modes.join(', ')})`, `${path}:${line}`);
      }
      if (spec.field === 'summary') {
        if (target.summary) throw new UserError(`a second summary row for mode '${mode}'`, `${path}:${line}`);
        target.summary = row as unknown as SummaryRow;
      } else {
        ((target[spec.field] ??= []) as unknown[]).push(row);
      }
    }
  }

  const results: ModeResult[] = info.modes.map((mode) => {
    const r = byMode.get(mode)!;
    if (!r.summary) throw new UserError(`${join(dir, 'summary.csv')}: no row for mode '${mode}' (run.json lists it)`);
    return {
      mode,
      summary: r.summary,
      heals: r.heals ?? [],
      timeseries: r.timeseries ?? [],
      nodes: r.nodes ?? [],
      ops: r.ops ?? [],
      timeline: r.timeline ?? [],
      logs: r.logs ?? [],
      expectations: r.expectations ?? [],
    };
  });
  return { info, results };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: missing (is this the output directory of a run?)`);
    throw new UserError(`${path}: cannot be read (${code ?? (err as Error).message})`);
  }
}

/** The rows of one CSV file, typed by its spec, with the line each starts on. */
export function readTable(path: string, spec: TableSpec): { line: number; row: Record<string, unknown> }[] {
  const parsed = parseCsv(readText(path));
  if ('error' in parsed) throw new UserError(parsed.error, `${path}:${parsed.line}`);
  const [header, ...records] = parsed.records;
  const expected = spec.columns.map((c) => c.name);
  if (!header) throw new UserError(`${path}: empty file, expected the header line: ${expected.join(',')}`);
  if (header.cells.join(',') !== expected.join(',')) {
    const missing = expected.filter((c) => !header.cells.includes(c));
    const extra = header.cells.filter((c) => !expected.includes(c));
    const why = missing.length || extra.length
      ? [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unknown ${extra.join(', ')}` : '']
          .filter(Boolean)
          .join('; ')
      : 'columns out of order';
    throw new UserError(`header does not match ${spec.file}'s columns (${why}); expected: ${expected.join(',')}`, `${path}:1`);
  }
  return records.map(({ line, cells }) => {
    if (cells.length !== expected.length) {
      throw new UserError(`${cells.length} cells, expected ${expected.length}`, `${path}:${line}`);
    }
    const row: Record<string, unknown> = {};
    spec.columns.forEach((c, i) => {
      const d = decodeCell(cells[i]!, c.type);
      if ('error' in d) throw new UserError(`column ${c.name}: ${d.error}`, `${path}:${line}`);
      row[c.name] = d.value;
    });
    return { line, row };
  });
}
