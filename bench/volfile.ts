import { generateLegacyShdVolfile } from '../sim/gluster/volfile/generate.js';
import type { VolumeLayout } from '../sim/gluster/volfile/layout.js';
import { parseVolfile } from '../sim/gluster/volfile/parse.js';
import type { Workload } from './harness.js';

const VOLUMES = 1000;
const HOSTS = ['h1', 'h2', 'h3'];

/**
 * The legacy shd's one volfile at the scale the mux proposal worried about: 1,000 replica-3 volumes
 * on 3 hosts. Builds the layouts, generates glustershd-server.vol, parses it back into a graph.
 * `events` is the number of volfile lines parsed.
 */
export const volfileLegacy1000: Workload = {
  name: 'volfile-legacy-1000',
  run() {
    const layouts: VolumeLayout[] = [];
    for (let v = 0; v < VOLUMES; v++) {
      const name = `vol${String(v).padStart(4, '0')}`;
      layouts.push({
        name,
        kind: 'replicate',
        bricks: HOSTS.map((host) => ({ host, path: `/bricks/${name}/brick` })),
        replica: 3,
        arbiter: 0,
        disperse: 0,
        redundancy: 0,
        options: new Map(),
        username: `${name}-0b1c2d3e-user`,
        password: `${name}-4f5a6b7c-pass`,
      });
    }
    const text = generateLegacyShdVolfile(layouts);
    const g = parseVolfile(text, 'glustershd-server.vol');
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (g.clientCount !== 3 * VOLUMES || g.top.children.length !== VOLUMES) throw new Error('volfile-legacy-1000 built the wrong graph');
    return { events: lines, extra: { lines, xlators: g.xlators.length, bytes: text.length } };
  },
};
