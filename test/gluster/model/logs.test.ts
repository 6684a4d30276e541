/**
 * Logs (reference §2.4, §3.3, §6): GlusterFS's line format with simulated time; the "Final graph"
 * block logged for every graph attach (mux: that volume's graph; legacy: the whole combined graph at
 * every start), sized exactly as finalGraphDumpSize says; the byte counts the reports use agree with
 * the lines themselves; an options-only change in mux logs 100040 for every other attached volume
 * and "option … using set value …" lines, and no graph.
 */
import { LEGACY_VOLFILE } from '../../../sim/gluster/glusterd/shd-legacy.js';
import { finalGraphDump, finalGraphDumpSize, FINAL_GRAPH_HEADER, FINAL_GRAPH_RULE } from '../../../sim/gluster/volfile/dump.js';
import { parseVolfile } from '../../../sim/gluster/volfile/parse.js';
import { Driver, MODES, S, rep3 } from './helpers.js';

const HOSTS = ['h1', 'h2', 'h3'];
const PREFIXED = /^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}) \+0000\] ([TDIWEC]) (\[MSGID: (\d+)\] )?\[([\w.-]+\.c):(\d+):(\w+)\] ([^ :]+): (.*)$/;
const DUMP_LINE = /^( {0,2}\d+|\d{3,}): .*$/;

function busy(mode: (typeof MODES)[number]): Driver {
  const d = new Driver(mode, {}, 1, { captureLogs: true });
  for (const s of [
    ...rep3('a'),
    ...rep3('b'),
    'gluster volume create e disperse 3 redundancy 1 h{1..3}:/bricks/e',
    'gluster volume start e',
    'mount a /mnt/a',
    'kill-brick h3:/bricks/a',
    'write /mnt/a files=20 size=64MiB',
  ]) {
    expect(d.exec(s).ok).toBe(true);
  }
  d.wait(S(20));
  d.exec('gluster volume start a force');
  d.wait(S(2));
  d.exec('gluster volume add-brick a h{1..3}:/bricks/a2'); // mux: a graph swap with heals in flight
  d.exec('gluster volume set b cluster.heal-timeout 20');
  d.exec('gluster volume stop b');
  d.exec('kill-glusterd h2');
  d.exec('start-glusterd h2');
  d.wait(S(60));
  return d;
}

describe.each(MODES)('%s: log lines', (mode) => {
  const d = busy(mode);
  const files = HOSTS.flatMap((h) => (['glusterd', 'glustershd'] as const).map((p) => ({ h, p, lines: d.cluster.logs.file(h, p) })));

  test('every line is GlusterFS-formatted, or part of a Final graph block', () => {
    for (const { lines } of files) {
      expect(lines.length).toBeGreaterThan(0);
      // 0: prefixed lines; 1: after "Final graph:", expecting the rule; 2: numbered lines until the rule.
      let dump = 0;
      for (const line of lines) {
        if (dump === 0 && line === FINAL_GRAPH_HEADER) dump = 1;
        else if (dump === 1) {
          expect(line).toBe(FINAL_GRAPH_RULE);
          dump = 2;
        } else if (dump === 2) {
          if (line === FINAL_GRAPH_RULE) dump = 0;
          else if (!DUMP_LINE.test(line)) throw new Error(`not a graph dump line: ${line}`);
        } else if (!PREFIXED.test(line)) throw new Error(`not a GlusterFS log line: ${line}`);
      }
      expect(dump).toBe(0);
    }
  });

  test('Final graph blocks are closed by a rule; timestamps never go backwards and start at the simulated epoch', () => {
    for (const { lines } of files) {
      let dump = 0;
      let last = '';
      for (const line of lines) {
        if (line === FINAL_GRAPH_HEADER) dump = 1;
        else if (dump === 1 && line === FINAL_GRAPH_RULE) dump = 2;
        else if (dump === 2 && line === FINAL_GRAPH_RULE) dump = 0;
        else if (dump === 0) {
          const ts = PREFIXED.exec(line)![1]!;
          expect(ts >= last).toBe(true);
          expect(ts.startsWith('2026-01-01 00:0')).toBe(true);
          last = ts;
        }
      }
      expect(dump).toBe(0);
    }
  });

  test('the byte and line counts equal the rendered lines (each plus its newline)', () => {
    for (const h of HOSTS) {
      const all = [...d.cluster.logs.file(h, 'glusterd'), ...d.cluster.logs.file(h, 'glustershd')];
      const bytes = all.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
      expect(d.cluster.logs.nodeTotals(h)).toEqual({ lines: all.length, bytes });
      expect(d.logLines(h)).toBe(all.length);
      expect(d.logBytes(h)).toBe(bytes);
    }
    const rows = d.cluster.logs.rows();
    expect(rows.reduce((n, r) => n + r.bytes, 0)).toBe(d.cluster.logs.totalBytes);
    expect(rows.reduce((n, r) => n + r.lines, 0)).toBe(d.cluster.logs.totalLines);
  });

  test('each counted message id has as many lines as the log shows', () => {
    for (const h of HOSTS) {
      for (const p of ['glusterd', 'glustershd'] as const) {
        const byId = new Map<string, number>();
        for (const l of d.cluster.logs.file(h, p)) {
          const m = PREFIXED.exec(l);
          if (m?.[4] !== undefined) byId.set(m[4], (byId.get(m[4]) ?? 0) + 1);
        }
        for (const r of d.cluster.logs.rows().filter((x) => x.node === h && x.process === p && /^\d+$/.test(x.key))) {
          expect([r.key, byId.get(r.key)]).toEqual([r.key, r.lines]);
        }
      }
    }
  });

  test('one "forced unwinding" ERROR line per frame unwound', () => {
    for (const h of HOSTS) {
      const n = d.cluster.logs.file(h, 'glustershd').filter((l) => / E \[rpc-clnt\.c:\d+:saved_frames_unwind\] .*forced unwinding frame type\(GlusterFS 4\.x v1\) op\([A-Z]+\(\d+\)\) called at \d{4}-\d\d-\d\d [\d:.]+ \+0000 \(xid=0x[0-9a-f]+\)$/.test(l)).length;
      expect(n).toBe(d.unwound(h));
    }
    if (mode === 'mux') expect(HOSTS.reduce((n, h) => n + d.unwound(h), 0)).toBeGreaterThan(0);
  });
});

test('byte counts are UTF-8 bytes: a brick path with non-ASCII letters', () => {
  const d = new Driver('mux', {}, 1, { captureLogs: true });
  for (const s of ['gluster volume create v replica 3 h{1..3}:/bricks/données', 'gluster volume start v']) expect(d.exec(s).ok).toBe(true);
  d.wait(S(5));
  for (const h of HOSTS) {
    const all = [...d.cluster.logs.file(h, 'glusterd'), ...d.cluster.logs.file(h, 'glustershd')];
    expect(all.some((l) => l.includes("attached to remote volume '/bricks/données'"))).toBe(true);
    const bytes = all.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
    expect(d.cluster.logs.nodeTotals(h)).toEqual({ lines: all.length, bytes });
  }
});

describe('Final graph blocks', () => {
  test('mux: each attach logs the attached volume\'s graph, exactly finalGraphDump of its volfile', () => {
    const d = new Driver('mux', {}, 1, { captureLogs: true });
    for (const s of rep3('a')) d.exec(s);
    d.wait(S(5));
    const size0 = { ...d.cluster.logs.rows().find((r) => r.node === 'h1' && r.key === 'graph-dump')! };
    const vol = (v: string) => parseVolfile(d.cluster.node('h1').workFiles.get(`/var/lib/glusterd/vols/${v}/${v}-shd.vol`)!, v);
    expect({ lines: size0.lines, bytes: size0.bytes }).toEqual(finalGraphDumpSize(vol('a')));
    d.exec('gluster volume create b replica 3 h{1..3}:/bricks/b0 h{1..3}:/bricks/b1');
    d.exec('gluster volume start b');
    d.wait(S(5));
    const size1 = d.cluster.logs.rows().find((r) => r.node === 'h1' && r.key === 'graph-dump')!;
    expect({ lines: size1.lines - size0.lines, bytes: size1.bytes - size0.bytes }).toEqual(finalGraphDumpSize(vol('b')));
    // The captured text is that dump, verbatim, after the attach lines.
    const lines = d.cluster.logs.file('h1', 'glustershd');
    const dumpB = finalGraphDump(vol('b'));
    const at = lines.findIndex((l, i) => l === FINAL_GRAPH_HEADER && lines[i + 2] === '  1: volume b-client-0');
    expect(lines.slice(at, at + dumpB.length)).toEqual(dumpB);
    // A 2x3 graph: 6 clients, 2 replicate, io-stats: 9 blocks.
    expect(dumpB.filter((l) => / volume /.test(l))).toHaveLength(9);
  });

  test('mux: "No change in volfile" (start force) and an options-only change log no graph', () => {
    const d = new Driver('mux', {}, 1, { captureLogs: true });
    for (const v of ['a', 'b', 'c']) for (const s of rep3(v)) d.exec(s);
    d.wait(S(5));
    const dumps = () => d.logCount('h1', 'glustershd', 'graph-dump');
    const g0 = dumps();
    const noChange0 = d.logCount('h1', 'glustershd', '100040');
    d.exec('gluster volume start b force');
    d.wait(S(2));
    // 100041 received attach, then 100040 No change: nothing rebuilt (issue #2492 shows the pair).
    expect(d.logCount('h1', 'glustershd', '100040') - noChange0).toBe(1);
    expect(dumps()).toBe(g0);
    const set0 = d.logCount('h1', 'glustershd', '0');
    d.exec('gluster volume set a cluster.shd-max-threads 2');
    d.wait(S(2));
    // fetch-spec: the shd re-fetches every volume; b and c are unchanged (100040 each).
    expect(d.logCount('h1', 'glustershd', '100040') - noChange0).toBe(1 + 2);
    expect(dumps()).toBe(g0);
    const setLines = d.cluster.logs.file('h1', 'glustershd').filter((l) => l.includes('using set value'));
    expect(setLines.length).toBe(d.logCount('h1', 'glustershd', '0') - set0);
    expect(setLines.some((l) => / I \[MSGID: 0\] \[options\.c:\d+:\w+\] \d+-a-replicate-0: option shd-max-threads using set value 2$/.test(l))).toBe(true);
    // Only a's xlators were reconfigured.
    expect(setLines.every((l) => / \d+-a(-|: )/.test(l))).toBe(true);
    expect(d.events('reconfigure', 'h1').map((e) => e.volume)).toEqual(['a']);
  });

  test('legacy: an options-only change reconfigures the whole combined graph (every volume\'s xlators log)', () => {
    const d = new Driver('legacy', {}, 1, { captureLogs: true });
    for (const v of ['a', 'b', 'c']) for (const s of rep3(v)) d.exec(s);
    d.wait(S(5));
    const dumps = d.logCount('h1', 'glustershd', 'graph-dump');
    d.exec('gluster volume set a cluster.shd-max-threads 2');
    d.wait(S(2));
    expect(d.logCount('h1', 'glustershd', 'graph-dump')).toBe(dumps);
    const setLines = d.cluster.logs.file('h1', 'glustershd').filter((l) => l.includes('using set value'));
    for (const v of ['a', 'b', 'c']) expect(setLines.some((l) => l.includes(`-${v}-replicate-0: option iam-self-heal-daemon using set value yes`))).toBe(true);
    expect(setLines.filter((l) => l.includes('option shd-max-threads using set value 2'))).toHaveLength(1);
    expect(d.events('reconfigure', 'h1').map((e) => e.volume).sort()).toEqual(['a', 'b', 'c']);
  });

  test('legacy: every start logs the combined graph of every volume it serves', () => {
    const d = new Driver('legacy', {}, 1, { captureLogs: true });
    for (const v of ['a', 'b', 'c']) {
      for (const s of rep3(v)) d.exec(s);
      d.wait(S(5)); // each new process up and its graph loaded before the next restart
    }
    const combined = parseVolfile(d.cluster.node('h1').workFiles.get(LEGACY_VOLFILE)!, LEGACY_VOLFILE);
    const lines = d.cluster.logs.file('h1', 'glustershd');
    const dump = finalGraphDump(combined);
    const last = lines.lastIndexOf(FINAL_GRAPH_HEADER);
    expect(lines.slice(last, last + dump.length)).toEqual(dump);
    // Three starts, one dump each, of 1, 2 and 3 volumes.
    expect(lines.filter((l) => l === FINAL_GRAPH_HEADER)).toHaveLength(3);
    expect(dump.filter((l) => / volume /.test(l))).toHaveLength(3 * 4 + 1); // 3 × (3 clients + replicate) + glustershd
  });
});
