import { ClusterModel } from '../sim/gluster/model.js';
import { loadScenarioText } from '../sim/scenario/load.js';
import { runSteps } from '../sim/scenario/run-steps.js';
import type { Workload } from './harness.js';

const VOLUMES = 1000;
const FILES = 10;

/**
 * The multiplexed shd at the scale its proposal aimed at: 1,000 replica-3 volumes on 3 nodes, each
 * with 10 files written while its h1 brick was down, healed after the bricks return (mux mode). The
 * run fails if anything is left pending. Reports events/s and simulated seconds per wall second.
 */
export const heal1000: Workload = {
  name: 'heal-1000-volumes',
  run() {
    const text = `
name: heal-1000-volumes
cluster:
  nodes: [h1, h2, h3]
steps:
  - repeat: ${VOLUMES}
    as: i
    steps:
      - gluster volume create v\${i} replica 3 h{1..3}:/bricks/v\${i}
      - gluster volume start v\${i}
      - mount v\${i} /mnt/v\${i}
  - kill-brick h1:/bricks/v{1..${VOLUMES}}
  - repeat: ${VOLUMES}
    as: i
    steps:
      - touch /mnt/v\${i}/f{1..${FILES}}
  - repeat: ${VOLUMES}
    as: i
    steps:
      - gluster volume start v\${i} force
  - expect pending_heals(v1) + pending_heals(v${VOLUMES}) == 0 within 1h
`;
    const scenario = loadScenarioText('heal-1000-volumes.yaml', text, {});
    const model = new ClusterModel('mux', scenario, 1);
    const run = runSteps(scenario, model);
    // Everything healed: every volume's entries (files + root directory on each of two up bricks).
    const open = model.cluster.heals.openEntries().length;
    const healed = model.cluster.counters.healsCompleted;
    if (open !== 0 || healed !== VOLUMES * (FILES + 1) || run.expectations.some((e) => !e.passed)) {
      throw new Error(`heal-1000-volumes: ${open} entries still pending, ${healed} healed (expected ${VOLUMES * (FILES + 1)})`);
    }
    return { events: model.sim.events, extra: { sim_seconds: model.sim.now / 1e6, heals: healed } };
  },
};
