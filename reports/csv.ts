/**
 * CSV text for one table and a small RFC 4180 reader for it. Writing uses csv-stringify (header line,
 * `\n` line ends, quotes only where needed); reading is hand-written because it only has to read what
 * we write (and what a spreadsheet saves back), and csv-parse is not a dependency.
 */
import { stringify } from 'csv-stringify/sync';
import { encodeCell } from './cells.js';
import { rowsOf, type TableSpec } from './tables.js';
import type { ModeResult } from './types.js';

/** The whole file: header line, then every mode's rows in the order of `results`. */
export function tableCsv(spec: TableSpec, results: readonly ModeResult[]): string {
  const records: string[][] = [];
  for (const result of results) {
    for (const row of rowsOf(result, spec)) {
      records.push(spec.columns.map((c) => encodeCell(row[c.name], c.type, `${spec.file}:${c.name}`)));
    }
  }
  return stringify(records, {
    header: true,
    columns: spec.columns.map((c) => c.name),
    record_delimiter: '\n',
    // csv-stringify quotes "\n" but not a bare "\r"; quote it too so no reader mistakes it for a line end.
    quoted_match: /\r/,
  });
}

/** One parsed record and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Parses CSV text into records. Accepts `\n` or `\r\n` line ends and a final line with or without
 * its end; a trailing empty line is not a record. Returns an error with its line on a broken quote.
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { error: string; line: number } {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false; // inside a quoted cell
  let wasQuoted = false; // the current cell was quoted (so an empty last line is still a record)
  const n = text.length;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    wasQuoted = false;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1; // a BOM left by a spreadsheet
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
          return { error: 'unexpected text after a closing quote', line };
        }
        continue;
      }
      if (ch === '\n') line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
      i++;
      continue;
    }
    if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRecord();
      i += ch === '\r' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (quoted) return { error: 'a quoted cell is not closed before the end of the file', line: recordLine };
  if (cell !== '' || cells.length > 0 || wasQuoted) endRecord();
  return { records };
}
