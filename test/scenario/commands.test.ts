import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';
import { checkCommand, type ModelFactory } from '../../sim/cli/check.js';
import type { CommandContext } from '../../sim/cli/command.js';
import { UserError } from '../../sim/errors.js';
import type { Mode } from '../../sim/scenario/ast.js';
import { FakeModel } from './fake-model.js';

const F = 'test/fixtures/scenarios';

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('shdsim validate', () => {
  test('valid files: one ok line each with step and expectation counts, exit 0', async () => {
    const r = await cli('validate', `${F}/shd-mux-demo.yaml`, `${F}/churn.yaml`);
    expect(r).toEqual({
      code: 0,
      out: `${F}/shd-mux-demo.yaml: ok (31 steps, 4 expectations)\n${F}/churn.yaml: ok (16 steps, 7 expectations)`,
      err: '',
    });
  });

  test('a broken file among valid ones: every error of it, the others still checked, exit 2', async () => {
    const r = await cli('validate', `${F}/broken-yaml.yaml`, `${F}/check-demo.yaml`, `${F}/broken-schema.yaml`);
    expect(r.code).toBe(2);
    expect(r.out).toBe(`${F}/check-demo.yaml: ok (4 steps, 2 expectations)`);
    expect(r.err.split('\n')).toEqual([
      `${F}/broken-yaml.yaml:4:1: YAML: a "[" list is not closed with "]" (or its next line is not indented more than its key) [parser: flow sequence in block collection must be sufficiently indented and end with a ]]`,
      `${F}/broken-schema.yaml:1:1: missing 'steps' (expected steps: a list of steps)`,
      `${F}/broken-schema.yaml:1:7: bad name 'Broken Schema' (expected lower-case letters, digits and -, such as shd-mux-demo)`,
      `${F}/broken-schema.yaml:3:3: unknown key 'hosts' in cluster (expected one of nodes)`,
      `${F}/broken-schema.yaml:3:3: missing 'nodes' in cluster (expected nodes: [h1, h2, h3])`,
      `${F}/broken-schema.yaml:6:1: unknown key 'stepz' in the scenario; did you mean 'steps'? (expected one of name, description, cluster, params, model, steps)`,
    ]);
  });

  test('the broken-steps fixture reports all of its 20 errors', async () => {
    const r = await cli('validate', `${F}/broken-steps.yaml`);
    expect(r.code).toBe(2);
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.every((l) => /^test\/fixtures\/scenarios\/broken-steps\.yaml:\d+:\d+: .+ \(expected .+\)$/.test(l))).toBe(true);
    expect(lines).toContain(`${F}/broken-steps.yaml:13:49: remove-brick without force (expected force at the end: only the immediate removal is modelled)`);
  });

  test('a missing file is bad input, without a stack trace', async () => {
    const r = await cli('validate', 'no/such.yaml');
    expect(r).toEqual({ code: 2, out: '', err: 'no/such.yaml: cannot read scenario: no such file' });
  });

  test('--set overrides a param or a model setting; unknown ones are refused', async () => {
    expect(await cli('validate', `${F}/churn.yaml`, '--set', 'volumes=2', '--set', 'model.detach=enotconn')).toEqual({ code: 0, out: `${F}/churn.yaml: ok (10 steps, 5 expectations)`, err: '' });
    const bad = await cli('validate', `${F}/churn.yaml`, '--set', 'vols=2');
    expect(bad).toEqual({ code: 2, out: '', err: `${F}/churn.yaml: --set vols=2: unknown param 'vols' (expected one of hosts, volumes, or model.KEY)` });
    const hosts = await cli('validate', `${F}/churn.yaml`, '--set', 'hosts=2');
    expect(hosts.code).toBe(2);
    expect(hosts.err).toContain(`${F}/churn.yaml:16:47: unknown host 'h3' (expected one of the cluster nodes: h1, h2)`);
  });

  test('a malformed --set is a usage error', async () => {
    expect(await cli('validate', `${F}/churn.yaml`, '--set', 'volumes')).toEqual({ code: 2, out: '', err: "shdsim: --set 'volumes': expected KEY=VALUE, such as files=100 or model.detach=drain" });
  });

  test('no file given, and --help with an example', async () => {
    expect((await cli('validate')).code).toBe(2);
    const help = await cli('validate', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('shdsim validate <scenarios..>');
    expect(help.out).toContain('Examples:');
    expect(help.out).toContain('shdsim validate scenarios/*.yaml');
  });
});

/**
 * `check` is not registered yet (the GlusterFS model is wired in later): run its command module the
 * way main() runs registered ones, with a fake model factory.
 */
async function check(factory: ModelFactory, ...argv: string[]) {
  const io = captureIo();
  const ctx: CommandContext = { io, exitCode: 0 };
  let code: number;
  try {
    await yargs()
      .scriptName('shdsim')
      .wrap(100)
      .command(checkCommand(ctx, factory))
      .strict()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UserError(msg);
      })
      .parseAsync(['check', ...argv], {}, (_e, _a, out) => {
        if (out) io.out(out);
      });
    code = ctx.exitCode;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    io.err(err.report);
    code = 2;
  }
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** shd_starts(h1) reaches 1 at t=5s in mux and 3 in legacy; shd_count(h1) is 1. */
function factory(calls: [Mode, string, number][]): ModelFactory {
  return (mode, scenario, seed) => {
    calls.push([mode, scenario.name, seed]);
    const m = new FakeModel(mode, seed);
    m.values.set('shd_count(h1)', 1);
    m.setAt(5_000_000, 'shd_starts(h1)', mode === 'mux' ? 1 : 3);
    return m;
  };
}

describe('shdsim check (with a fake model)', () => {
  test('both modes by default, seed 1: one line per failure, the closing line, exit 1', async () => {
    const calls: [Mode, string, number][] = [];
    const r = await check(factory(calls), `${F}/check-demo.yaml`);
    expect(calls).toEqual([
      ['legacy', 'check-demo', 1],
      ['mux', 'check-demo', 1],
    ]);
    expect(r).toEqual({
      code: 1,
      out: `${F}/check-demo.yaml:9: [legacy] expect shd_starts(h1) == 1 within 30s (observed 3 after 30s)\n${F}/check-demo.yaml: 1 of 3 expectations failed (legacy 1 of 1, mux 0 of 2)\n2 passed, 1 failed`,
      err: '',
    });
  });

  test('--mode, --seed and --set; exit 0 when everything held', async () => {
    const calls: [Mode, string, number][] = [];
    expect(await check(factory(calls), `${F}/check-demo.yaml`, '--mode', 'mux', '--seed', '7')).toEqual({ code: 0, out: `${F}/check-demo.yaml: ok (2 expectations held: mux 2)\n2 passed, 0 failed`, err: '' });
    expect(await check(factory(calls), `${F}/check-demo.yaml`, '--mode', 'legacy', '--set', 'want=3')).toEqual({ code: 0, out: `${F}/check-demo.yaml: ok (1 expectation held: legacy 1)\n1 passed, 0 failed`, err: '' });
    expect(calls).toEqual([
      ['mux', 'check-demo', 7],
      ['legacy', 'check-demo', 1],
    ]);
  });

  test('--junit writes the XML document (and nothing else in its directory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shdsim-check-'));
    try {
      const file = join(dir, 'out.xml');
      const r = await check(factory([]), `${F}/check-demo.yaml`, '--junit', file);
      expect(r.code).toBe(1);
      expect(readdirSync(dir)).toEqual(['out.xml']);
      const xml = readFileSync(file, 'utf8');
      expect(xml).toMatch(/<testsuites name="shdsim check" tests="3" failures="1" errors="0" time="\d+\.\d{6}">/);
      expect(xml).toMatch(new RegExp(`<testsuite name="${F}/check-demo\\.yaml \\[legacy\\]" tests="1" failures="1" errors="0" skipped="0" time="\\d+\\.\\d{6}">`));
      expect(xml).toContain('<failure message="observed 3 after 30s" type="expectation">');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad input: nothing runs, exit 2', async () => {
    const calls: [Mode, string, number][] = [];
    const r = await check(factory(calls), `${F}/check-demo.yaml`, `${F}/broken-yaml.yaml`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${F}/broken-yaml.yaml:4:1: YAML:`);
    expect(r.out).toBe('');
    expect(calls).toEqual([]);
    expect((await check(factory(calls), `${F}/check-demo.yaml`, '--seed', '-1')).err).toBe("--seed '-1': expected a whole number, such as 1");
    expect((await check(factory(calls), `${F}/check-demo.yaml`, '--seed', 'abc')).err).toBe("--seed 'abc': expected a whole number, such as 1");
    expect((await check(factory(calls), `${F}/check-demo.yaml`, '--mode', 'fast')).code).toBe(2);
    // --junit is checked before anything runs: a typo does not cost the suite's run time
    expect(await check(factory(calls), `${F}/check-demo.yaml`, '--junit', '/nonexistent-dir/x.xml')).toEqual({ code: 2, out: '', err: '--junit /nonexistent-dir/x.xml: the directory /nonexistent-dir does not exist' });
    expect(calls).toEqual([]);
  });

  test('overruns of a repeat period are noted on stderr', async () => {
    const r = await check(factory([]), `${F}/churn.yaml`, '--mode', 'mux', '--set', 'volumes=2');
    // The fake answers every command in 1 s, so no iteration overruns its 60 s period.
    expect(r.err).toBe('');
    // attached(c1, h1) and attached(c2, h2) stay 0 and glusterd_up(h2) too; shd_starts(h1) is 1 in mux.
    expect(r.out.split('\n').pop()).toBe('1 passed, 3 failed');
  });

  test('--help shows an example', async () => {
    const r = await check(factory([]), '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('shdsim check <scenarios..>');
    expect(r.out).toContain('--junit');
    expect(r.out).toContain('shdsim check scenarios/*.yaml --junit check.xml');
  });
});
