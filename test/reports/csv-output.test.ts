import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeCell, INT, SECONDS, MIB } from '../../reports/cells.js';
import { parseCsv } from '../../reports/csv.js';
import { writeRunOutputs } from '../../reports/write-run.js';
import { smallRun } from '../fixtures/runs/small.js';
import { removeTempDirs, tempDir } from './tmp.js';

afterAll(removeTempDirs);

function written(): string {
  const dir = tempDir();
  writeRunOutputs(dir, smallRun());
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('the CSV files of a run', () => {
  const dir = written();

  test('every file is there, and the charts', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'charts',
      'events.csv',
      'expectations.csv',
      'heals.csv',
      'logs.csv',
      'nodes.csv',
      'ops.csv',
      'report.html',
      'run.json',
      'summary.csv',
      'timeseries.csv',
    ]);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual([
      'events.svg',
      'frames.svg',
      'heal-latency-cdf.svg',
      'log-by-msgid.svg',
      'log-bytes.svg',
      'op-latency.svg',
      'pending-heals.svg',
      'shd-rss.svg',
      'shd-timeline.svg',
    ]);
  });

  test('headers list the columns in the field order of reports/types.ts', () => {
    const header = (f: string) => read(dir, f).split('\n')[0];
    expect(header('summary.csv')).toBe(
      'mode,seed,sim_seconds,heals_completed,heal_latency_p50_s,heal_latency_p99_s,heal_latency_max_s,pending_heals_end,shd_starts,graph_attaches,graph_detaches,frames_unwound_enotconn,log_lines,log_bytes,peak_shd_rss_mib,events,heals_aborted,heals_abandoned,graph_reconfigures,shd_exits,shd_crashes,frames_sent,frames_lost,attach_retries,attach_failures,ops_total,ops_failed,op_latency_p99_s,writes_failed,cleanup_max_s,expectations_failed,fingerprint',
    );
    expect(header('heals.csv')).toBe('mode,volume,subvolume,brick,gfid,kind,pending_at_s,healable_at_s,healed_at_s,latency_s,pending_latency_s,attempts');
    expect(header('timeseries.csv')).toBe(
      'mode,t_s,pending_heals,heals_done,heals_done_interval,log_lines,log_bytes,shd_processes,attached_graphs,frames_in_flight,frames_unwound_enotconn,cleanup_threads,shd_rss_mib',
    );
    expect(header('nodes.csv')).toBe('mode,t_s,node,shd_pid,shd_rss_mib,attached_graphs,healer_threads,log_bytes');
    expect(header('ops.csv')).toBe('mode,at_s,host,command,result,latency_s,message');
    expect(header('events.csv')).toBe('mode,at_s,node,kind,volume,pid,detail');
    expect(header('logs.csv')).toBe('mode,node,process,msgid,level,lines,bytes');
    expect(header('expectations.csv')).toBe('mode,where,text,passed,observed,at_s');
  });

  test('summary.csv: one row per mode; seconds with 6 decimals, MiB with 3, null as an empty cell', () => {
    expect(read(dir, 'summary.csv').split('\n').slice(1)).toEqual([
      'legacy,42,12.345679,1,1.500000,1.500000,1.500000,1,2,0,0,0,40,5400,30.123,1234,0,1,0,1,0,0,0,0,0,1,1,0.020500,0,,1,a1b2c3d4e5f60718',
      'mux,42,12.345679,0,,,,0,1,1,1,2,10,1000,28.000,999,0,0,0,0,0,0,0,0,0,0,0,,0,0.012346,0,ffffffffffffffff',
      '',
    ]);
  });

  test('heals.csv: rounding, an abandoned entry with empty brick and empty times', () => {
    expect(read(dir, 'heals.csv').split('\n').slice(1)).toEqual([
      'legacy,v0,v0-replicate-0,h2:/bricks/v0,11111111-2222-4333-a444-555555555555,data,1.000000,2.000000,3.500000,1.500000,2.500000,2',
      'legacy,v0,v0-replicate-0,,66666666-7777-4888-a999-000000000000,entry,1.250000,,,,,0',
      '',
    ]);
  });

  test('timeseries.csv and nodes.csv: every mode, in order; -0 is written as 0', () => {
    expect(read(dir, 'timeseries.csv').split('\n').slice(1)).toEqual([
      'legacy,0.000000,0,0,0,0,0,0,0,0,0,0,0.000',
      'legacy,10.000000,1,1,1,40,5400,2,2,3,0,0,60.247',
      'mux,0.000000,0,0,0,0,0,0,0,0,0,0,0.000',
      'mux,10.000000,0,0,0,10,1000,1,1,0,2,1,28.000',
      '',
    ]);
    expect(read(dir, 'nodes.csv')).toBe(
      'mode,t_s,node,shd_pid,shd_rss_mib,attached_graphs,healer_threads,log_bytes\nlegacy,10.000000,h1,2101,30.123,1,3,2700\nmux,10.000000,h1,3100,28.000,1,3,1000\n',
    );
  });

  test('quoting: commas, double quotes and newlines are quoted, UTF-8 kept as is', () => {
    expect(read(dir, 'ops.csv')).toBe(
      'mode,at_s,host,command,result,latency_s,message\n' +
        'legacy,4.000000,h1,gluster volume start v0,failed,0.020500,"volume start: v0: failed: Volume v0 ""already"" started, try force"\n',
    );
    expect(read(dir, 'events.csv')).toBe(
      'mode,at_s,node,kind,volume,pid,detail\n' +
        'legacy,0.500000,h1,shd-start,,2100,glustershd\n' +
        'legacy,2.050000,h1,shd-exit,,2100,"SIGTERM, volume change"\n' +
        'legacy,2.360000,h1,shd-start,,2101,glustershd\n' +
        'mux,0.500000,h1,shd-start,,3100,glustershd (mux)\n' +
        'mux,0.800000,h1,attach,v0,3100,attached\n' +
        'mux,2.050000,h1,detach,v0,3100,2 frames unwound — ENOTCONN\n',
    );
    expect(read(dir, 'expectations.csv')).toBe(
      'mode,where,text,passed,observed,at_s\n' +
        'legacy,scenarios/tiny.yaml:9,expect pending_heals(v0) == 0 within 5s,false,"1\nafter 5s",7.500000\n' +
        'mux,scenarios/tiny.yaml:12,expect shd_starts(h1) == 1,true,1,12.345679\n',
    );
    expect(read(dir, 'logs.csv')).toBe(
      'mode,node,process,msgid,level,lines,bytes\n' +
        'legacy,h1,glustershd,graph-dump,-,36,5000\n' +
        'legacy,h1,glusterd,106570,E,4,400\n' +
        'mux,h1,glustershd,graph-dump,-,10,1000\n',
    );
  });

  test('\\n line ends only, and a final line end', () => {
    for (const f of ['summary.csv', 'heals.csv', 'timeseries.csv', 'nodes.csv', 'ops.csv', 'events.csv', 'logs.csv', 'expectations.csv', 'run.json', 'report.html']) {
      const text = read(dir, f);
      expect(text.includes('\r')).toBe(false);
      expect(text.endsWith('\n')).toBe(true);
    }
  });

  test('run.json: pretty-printed, fields in RunInfo order, map keys sorted', () => {
    expect(read(dir, 'run.json')).toBe(`{
  "scenario": {
    "name": "tiny",
    "description": "Two <modes>, one heal & a \\"quote\\"",
    "file": "scenarios/tiny.yaml"
  },
  "seed": 42,
  "version": "0.1.0",
  "params": {
    "files": 2,
    "volume": "v0"
  },
  "model": {
    "detach": "enotconn",
    "faults": [],
    "sample_interval": "10s"
  },
  "modes": [
    "legacy",
    "mux"
  ],
  "sample_interval_s": 10,
  "fingerprints": {
    "legacy": "a1b2c3d4e5f60718",
    "mux": "ffffffffffffffff"
  }
}
`);
  });

  test('charts and report can be left out', () => {
    const d = tempDir();
    writeRunOutputs(d, smallRun(), { charts: false, report: false });
    expect(readdirSync(d)).not.toContain('charts');
    expect(readdirSync(d)).not.toContain('report.html');
    expect(readdirSync(d)).toContain('summary.csv');
  });
});

describe('cells', () => {
  test('a value that breaks its column type is a bug and throws, naming the column', () => {
    expect(() => encodeCell(1.5, INT, 'summary.csv:shd_starts')).toThrow('summary.csv:shd_starts: expected an integer, got 1.5');
    expect(() => encodeCell(NaN, SECONDS, 'heals.csv:latency_s')).toThrow('expected a finite number');
    expect(() => encodeCell(null, SECONDS, 'ops.csv:at_s')).toThrow('expected a finite number');
    expect(() => encodeCell('3', MIB, 'nodes.csv:shd_rss_mib')).toThrow('got "3"');
  });

  test('rounding to the nearest unit of the last decimal, and tiny negatives', () => {
    expect(encodeCell(0.0000006, SECONDS, 'x')).toBe('0.000001'); // rounds to the nearest µs
    expect(encodeCell(-0.0000001, SECONDS, 'x')).toBe('0.000000');
    expect(encodeCell(-1.5, SECONDS, 'x')).toBe('-1.500000');
    expect(encodeCell(1e6, MIB, 'x')).toBe('1000000.000');
    expect(encodeCell(-0, INT, 'x')).toBe('0');
  });

  test('writing a result whose rows disagree with its modes throws', () => {
    const r = smallRun();
    r.results.reverse();
    expect(() => writeRunOutputs(tempDir(), r)).toThrow('results are for modes [mux, legacy] but info.modes is [legacy, mux]');
  });
});

describe('parseCsv', () => {
  test('reads quoted cells with commas, quotes and newlines, CRLF and a BOM', () => {
    const r = parseCsv('\ufeffa,b\r\n"x, ""y""","1\n2"\n,\n');
    expect(r).toEqual({ records: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x, "y"', '1\n2'] }, { line: 4, cells: ['', ''] }] });
  });

  test('a last line without its line end is still a record', () => {
    expect(parseCsv('a,b\n1,2')).toEqual({ records: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }] });
  });

  test('broken quoting is reported with its line', () => {
    expect(parseCsv('a,b\n"x,1\n')).toEqual({ error: 'a quoted cell is not closed before the end of the file', line: 2 });
    expect(parseCsv('a,b\n"x"y,1\n')).toEqual({ error: 'unexpected text after a closing quote', line: 2 });
  });
});
