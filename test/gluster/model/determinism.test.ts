/**
 * Determinism (README; spec §4): one seed determines everything. The same scenario and seed give the
 * same results, row for row, and the same trajectory fingerprint; another seed with a random workload
 * gives another trajectory. Both modes of a run draw the same uuids and the same workload (common
 * random numbers).
 */
import { MODES, rep3, runScenario } from './helpers.js';

const STEPS = [
  ...rep3('a'),
  ...rep3('b'),
  'mount a /mnt/a',
  'mount b /mnt/b',
  'kill-brick h3:/bricks/a h2:/bricks/b',
  'write /mnt/a files=30 size=64KiB..32MiB rate=20/s',
  'write /mnt/b files=30 size=64KiB..32MiB',
  'wait 10s',
  'gluster volume start a force',
  'gluster volume start b force',
  'wait 5s',
  'gluster volume add-brick a h{1..3}:/bricks/a2',
  'kill-glusterd h2',
  'wait 10s',
  'start-glusterd h2',
  'expect pending_heals(a) == 0 within 10m',
  'expect pending_heals(b) == 0 within 10m',
];

function result(mode: (typeof MODES)[number], seed: number) {
  const { model, rows } = runScenario(mode, STEPS, {}, seed);
  return model.finish(rows);
}

describe.each(MODES)('%s', (mode) => {
  test('the same seed twice: identical results and fingerprint', () => {
    const one = result(mode, 7);
    const two = result(mode, 7);
    expect(one.summary.expectations_failed).toBe(0);
    expect(one.summary.heals_completed).toBeGreaterThan(0);
    expect(two).toEqual(one);
    expect(two.summary.fingerprint).toBe(one.summary.fingerprint);
    expect(one.summary.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  test('another seed with a random workload: another trajectory', () => {
    const one = result(mode, 7);
    const other = result(mode, 8);
    expect(other.summary.fingerprint).not.toBe(one.summary.fingerprint);
    // The file sizes were drawn differently.
    expect(other.heals.map((h) => h.healed_at_s)).not.toEqual(one.heals.map((h) => h.healed_at_s));
  });
});

test('both modes of one seed draw the same uuids and the same workload', () => {
  const legacy = runScenario('legacy', STEPS, {}, 3).model;
  const mux = runScenario('mux', STEPS, {}, 3).model;
  expect([...mux.cluster.nodes.values()].map((n) => n.uuid)).toEqual([...legacy.cluster.nodes.values()].map((n) => n.uuid));
  expect(mux.cluster.store.get('a')!.id).toBe(legacy.cluster.store.get('a')!.id);
  // The same files (gfids, kinds, sizes) went pending in both modes.
  const files = (m: typeof mux) => m.cluster.heals.entries.map((e) => `${e.volume}/${e.gfid}/${e.kind}/${e.bytes}`).sort();
  expect(files(mux)).toEqual(files(legacy));
  expect(files(mux).length).toBeGreaterThan(2);
});
