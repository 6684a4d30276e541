/**
 * Bad input, said so that the user can fix it: mistyped commands, flags, choices, steps, observables
 * and names get a "did you mean"; a number flag that is not a number says so (never NaN); an override
 * that breaks the scenario is blamed on the flag; YAML syntax errors come in plain words. Exit 2.
 */
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';
import { closest, didYouMean, editDistance } from '../../sim/suggest.js';

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const F = 'test/fixtures/scenarios';
const USAGE = "\nRun 'shdsim --help' for usage.";

describe('did you mean', () => {
  test('edit distance counts a swap of two neighbours as one edit', () => {
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('sed', 'seed')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('close names only; none for names that differ in their numbers, or when the guess is a coin toss', () => {
    expect(closest('volumez', ['volumes', 'files'])).toEqual(['volumes']);
    expect(closest('h4', ['h1', 'h2', 'h3'])).toEqual([]);
    expect(closest('xx', ['ab', 'cd'])).toEqual([]);
    expect(closest('ab', ['ac', 'ad', 'ae'])).toEqual([]); // three equally close
    expect(didYouMean('wiat', ['wait', 'write'])).toBe("did you mean 'wait'?");
    expect(didYouMean('zzz', ['wait'])).toBe('');
  });

  test('a mistyped command', async () => {
    expect(await cli('rnu', 'x.yaml')).toEqual({ code: 2, out: '', err: `shdsim: unknown command 'rnu' (did you mean 'run'?)${USAGE}` });
    expect((await cli('chek')).err).toContain("unknown command 'chek' (did you mean 'check'?)");
    expect((await cli('frobnicate')).err).toContain("shdsim: unknown command 'frobnicate'\n");
  });

  test('a mistyped flag, of the command it was given to', async () => {
    expect(await cli('run', 'x.yaml', '--sed', '3')).toEqual({ code: 2, out: '', err: `shdsim: unknown option --sed (did you mean --seed or --set?)${USAGE}` });
    expect((await cli('check', 'x.yaml', '--junt', 'a.xml')).err).toContain('unknown option --junt (did you mean --junit?)');
    expect((await cli('run', 'x.yaml', '--trace-formt', 'chrome')).err).toContain('unknown option --trace-formt (did you mean --trace-format?)');
    expect((await cli('run', 'x.yaml', 'y.yaml')).err).toContain("unexpected argument 'y.yaml'");
  });

  test('a mistyped choice', async () => {
    expect((await cli('run', 'x.yaml', '--mode', 'mx')).err).toBe(`shdsim: --mode 'mx': expected one of legacy, mux, both (did you mean 'mux'?)${USAGE}`);
  });

  test('a mistyped step, observable or name in a scenario', async () => {
    const r = await cli('validate', `${F}/misspelt.yaml`);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `${F}/misspelt.yaml:10:5: unknown step 'wiat'; did you mean 'wait'? (expected one of gluster, kill-brick, kill-glusterd, start-glusterd, kill-node, reboot, mount, umount, touch, write, wait, let, expect)`,
      // an undefined ${name} lists the names that exist there
      `${F}/misspelt.yaml:11:26: undefined name 'file'; did you mean 'files'? (expected a param or a loop variable: files, volumes)`,
      `${F}/misspelt.yaml:12:12: unknown observable 'pendng_heals'; did you mean 'pending_heals'? (expected one of shd_count, shd_pid, pidfile, healer_threads, cleanup_threads, pending_heals, attached, shd_starts, brick_up, glusterd_up, log_lines, log_bytes, frames_unwound, frames_in_flight, heals_completed)`,
    ]);
  });
});

describe('flags that take a number', () => {
  test('--seed abc says what is wrong, instead of NaN', async () => {
    expect(await cli('run', `${F}/e2e-small.yaml`, '--seed', 'abc')).toEqual({ code: 2, out: '', err: "shdsim: --seed 'abc': expected a whole number, such as 1" });
    expect((await cli('check', `${F}/e2e-small.yaml`, '--seed', '1.5')).err).toBe("shdsim: --seed '1.5': expected a whole number, such as 1");
  });
});

describe('an override that breaks the scenario is blamed on the flag', () => {
  test('validate … --set volumes=abc names the flag and where the file uses it, once', async () => {
    const r = await cli('validate', 'scenarios/mass-volume-churn.yaml', '--set', 'volumes=abc');
    expect(r).toEqual({
      code: 2,
      out: '',
      err: "scenarios/mass-volume-churn.yaml: --set volumes=abc: bad repeat count 'abc' (expected a whole number of iterations, such as 10 or ${volumes}), where the file uses ${volumes} (line:col 20:13)",
    });
  });
});

describe('YAML syntax errors in plain words', () => {
  test('what is wrong with the line, and the parser\'s own phrase in brackets', async () => {
    const r = await cli('validate', `${F}/broken-indent.yaml`);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `${F}/broken-indent.yaml:6:1: YAML: the keys of one mapping must all start in the same column [parser: all mapping items must start at the same column]`,
      `${F}/broken-indent.yaml:6:3: YAML: this line is neither a list item ("- …") nor "key: value": is the "- " or the ":" missing? [parser: implicit map keys need to be followed by map values]`,
    ]);
  });
});
