/**
 * `shdsim run` end to end: every output written, byte-identical on a rerun with the same seed (logs
 * included), a different trajectory with another seed, and nothing written for a bad scenario.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';

const FIXTURE = 'test/fixtures/scenarios/e2e-small.yaml';

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

async function run(args: string[]) {
  const io = captureIo();
  const code = await main(['run', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('shdsim run', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'shdsim-e2e-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('writes every output and prints the report path; a rerun is byte-identical', async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    const r1 = await run([FIXTURE, '--out', a, '--logs', '--seed', '7']);
    expect(r1.code).toBe(0);
    expect(r1.out.trim()).toBe(join(a, 'report.html'));
    const written = files(a);
    for (const f of ['summary.csv', 'heals.csv', 'timeseries.csv', 'ops.csv', 'nodes.csv', 'events.csv', 'logs.csv', 'expectations.csv', 'run.json', 'report.html']) {
      expect(written).toContain(f);
    }
    for (const chart of ['heal-latency-cdf', 'pending-heals', 'log-bytes', 'log-by-msgid', 'shd-timeline', 'frames', 'shd-rss', 'op-latency']) {
      expect(written).toContain(join('charts', `${chart}.svg`));
    }
    for (const mode of ['legacy', 'mux']) for (const host of ['h1', 'h2', 'h3']) for (const log of ['glustershd.log', 'glusterd.log']) expect(written).toContain(join('logs', mode, host, log));

    const r2 = await run([FIXTURE, '--out', b, '--logs', '--seed', '7']);
    expect(r2.code).toBe(0);
    expect(files(b)).toEqual(written);
    for (const f of written) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);

    // run.json records the seed, params and the model settings in force, defaults included.
    const info = JSON.parse(readFileSync(join(a, 'run.json'), 'utf8'));
    expect(info.seed).toBe(7);
    expect(info.params).toEqual({ files: 30 });
    expect(info.model.detach).toBe('enotconn');
    expect(info.model.glusterd_restart).toBe('respawn');
    expect(Object.keys(info.fingerprints).sort()).toEqual(['legacy', 'mux']);
  }, 120_000);

  test('--trace writes every model event and every glusterd-shd rpc; tracing changes no other byte', async () => {
    const plain = join(tmp, 'plain');
    const traced = join(tmp, 'traced');
    expect((await run([FIXTURE, '--out', plain, '--mode', 'mux'])).code).toBe(0);
    expect((await run([FIXTURE, '--out', traced, '--mode', 'mux', '--trace'])).code).toBe(0);
    for (const f of files(plain)) expect(readFileSync(join(traced, f)).equals(readFileSync(join(plain, f)))).toBe(true);
    const lines = readFileSync(join(traced, 'trace-mux.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { t_us: number; kind: string; entity: string; detail?: Record<string, unknown> });
    // v2's graph joins the shd v1 started: one GLUSTERD_SVC_ATTACH per node, each answered 0.
    const attaches = lines.filter((l) => l.kind === 'rpc-call' && (l.detail?.['request'] as { volfileId?: string } | undefined)?.volfileId === 'shd/v2');
    expect(attaches.map((l) => l.entity)).toEqual(['h1', 'h2', 'h3']);
    expect(attaches[0]!.detail).toMatchObject({ conn: 'svc', dir: 'call', request: { proc: 'attach', volfileId: 'shd/v2', pidfile: '/var/run/gluster/shd/v2/v2-shd.pid' } });
    expect((attaches[0]!.detail!['request'] as { volfile: string }).volfile).toMatch(/^\d+ bytes$/);
    const replies = lines.filter((l) => l.kind === 'rpc-reply' && (l.detail?.['request'] as { volfileId?: string } | undefined)?.volfileId === 'shd/v2');
    expect(replies.map((l) => [l.entity, l.detail!['reply']])).toEqual([['h1', 0], ['h2', 0], ['h3', 0]]);
    // Each shd fetches its first volfile from its glusterd; each connection is traced.
    expect(lines.filter((l) => l.kind === 'rpc-call' && (l.detail?.['request'] as { proc?: string }).proc === 'getspec').length).toBeGreaterThanOrEqual(3);
    expect(new Set(lines.filter((l) => l.kind === 'rpc-connect').map((l) => l.detail!['conn']))).toEqual(new Set(['svc', 'mgmt']));
    // The model events are there too, in time order.
    expect(lines.some((l) => l.kind === 'shd-start')).toBe(true);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.t_us).toBeGreaterThanOrEqual(lines[i - 1]!.t_us);
  }, 120_000);

  test('another seed draws another workload: a different trajectory', async () => {
    const c = join(tmp, 'c');
    const d = join(tmp, 'd');
    expect((await run([FIXTURE, '--out', c, '--seed', '7'])).code).toBe(0);
    expect((await run([FIXTURE, '--out', d, '--seed', '8'])).code).toBe(0);
    const fc = JSON.parse(readFileSync(join(c, 'run.json'), 'utf8')).fingerprints;
    const fd = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8')).fingerprints;
    expect(fc.mux).not.toBe(fd.mux);
    expect(fc.legacy).not.toBe(fd.legacy);
  }, 120_000);

  test('a bad scenario exits 2 with file:line:col and leaves no output directory', async () => {
    const out = join(tmp, 'bad');
    const r = await run(['test/fixtures/scenarios/broken-steps.yaml', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^test\/fixtures\/scenarios\/broken-steps\.yaml:\d+:\d+: /m);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((n) => n.startsWith('.bad'))).toEqual([]);
  });

  test('a bad override exits 2 before anything runs', async () => {
    const out = join(tmp, 'bad-set');
    const r = await run([FIXTURE, '--out', out, '--set', 'model.detach=sometimes']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('model.detach');
    expect(existsSync(out)).toBe(false);
  });
});
