/**
 * `sweep-2-workers`: the same sweep of 8 runs (4 grid points × 2 modes, 1.1–1.3 s of simulation each)
 * with `--workers 1` and with `--workers 2`, each as a fresh `shdsim sweep` process, as a user runs
 * it. Reports both wall times and the speedup (target ≥ 1.7 on the 2-core reference machine: the
 * runs are independent, so what is lost is pool start-up, each worker's own JIT warm-up, and the
 * tail when the last run is longer than the others). `events` is the number of runs of one sweep.
 * The two sweeps must write the same sweep.csv, byte for byte.
 *
 * The pair is measured three times, alternating, and the fastest time of each kind counts: on a
 * shared virtual machine the CPU time of the very same sweep was seen to vary by 1.7× from one minute
 * to the next, and the minimum is the figure least disturbed by that. Before each pair,
 * `machine_parallelism` measures what two CPU-bound processes get compared with one (2.00 on two idle
 * cores): with other load on the machine the sweep cannot reach its speedup, and this says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, type Workload } from './harness.js';

const CLI = fileURLToPath(new URL('../sim/cli.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('../../test/fixtures/sweep/churn-small.yaml', import.meta.url));
const ARGS = ['--grid', 'volumes=5,6,7,8', '--set', 'files=20000', '--set', 'rate=400', '--seeds', '1'];
const RUNS = 8;
const REPEATS = 3;

/**
 * What parallelism the machine offers right now: one CPU-bound process alone, then two at once
 * (wall time ratio × 2; 2.0 on two idle cores). Printed beside the speedup, so a miss caused by other
 * load on a shared machine can be told from one caused by the sweep.
 */
function machineParallelism(): number {
  const spin = `node -e "let x=0;for(let i=0;i<8e8;i++)x+=i&7;if(x<0)console.log(x)"`;
  const time = (cmd: string) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('sh', ['-c', cmd]);
    if (r.status !== 0) throw new Error(`calibration failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const one = time(spin);
  const two = time(`${spin} & ${spin}; wait`);
  return (2 * one) / two;
}

function sweepSeconds(workers: number, out: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, 'sweep', SCENARIO, ...ARGS, '--workers', String(workers), '--out', out], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`sweep --workers ${workers} failed (exit ${r.status}): ${r.stderr}`);
  return seconds;
}

export const sweep2Workers: Workload = {
  name: 'sweep-2-workers',
  run() {
    const dir = mkdtempSync(join(tmpdir(), 'shdsim-bench-sweep-'));
    try {
      const ones: number[] = [];
      const twos: number[] = [];
      const machine: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        machine.push(machineParallelism());
        ones.push(sweepSeconds(1, join(dir, `one-${i}`)));
        twos.push(sweepSeconds(2, join(dir, `two-${i}`)));
        const same = readFileSync(join(dir, `one-${i}`, 'sweep.csv'), 'utf8') === readFileSync(join(dir, `two-${i}`, 'sweep.csv'), 'utf8');
        if (!same) throw new Error('sweep-2-workers: --workers 1 and --workers 2 wrote different sweep.csv files');
      }
      const one = Math.min(...ones);
      const two = Math.min(...twos);
      return {
        events: RUNS,
        extra: {
          seconds_1_worker: round(one, 3),
          seconds_2_workers: round(two, 3),
          speedup: round(one / two, 3),
          all_1_worker: ones.map((t) => t.toFixed(2)).join(' '),
          all_2_workers: twos.map((t) => t.toFixed(2)).join(' '),
          machine_parallelism: machine.map((m) => m.toFixed(2)).join(' '),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
