/**
 * An estimate of a glustershd's resident memory (reference §6, §5 F14 and F19). The constants are
 * modelling choices scaled to the one public data point: 4,000 volumes made an shd (with brick-mux)
 * reach ~6 GB, ~4 GB of it inode tables — about 1 MiB of hash lists per replicate/disperse xlator before
 * GlusterFS 9 (ecdc77ceb9 shrank them to 131 dentry and 128 inode buckets), and ~0.5 MiB for the rest
 * of each volume's graph. Detach frees a graph (the leaks F7/F8 were fixed in GlusterFS 7), except the
 * 89 bytes every attach RPC leaks (F19, fixed only after 10.0), so long churn grows slowly.
 */
import type { ModelConfig } from './model-config.js';
import type { ShdProcess } from './shd/shd-process.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export const MEMORY = {
  /** A glusterfs process with its mem-pools, iobuf arena and threads, before any graph. */
  base: 24 * MiB,
  /** Each xlator's private state and memory accounting. */
  perXlator: 48 * KiB,
  /** Each protocol/client connection: rpc client, transport, buffers. */
  perClient: 96 * KiB,
  /** Hash lists of one replicate/disperse xlator's inode table. */
  inodeTable: { large: 1 * MiB, small: 4 * KiB },
  /** Each healer thread (stack pages in use, healer state). */
  perHealerThread: 32 * KiB,
  /** Each frame in flight. */
  perFrame: 1 * KiB,
} as const;

/** RSS of one shd process in bytes. */
export function shdRssBytes(p: ShdProcess, config: ModelConfig): number {
  let bytes = MEMORY.base + p.leakedBytes;
  bytes += p.ownXlators * MEMORY.perXlator; // mux: the synthetic glustershd io-stats
  for (const g of p.graphs) {
    bytes += g.graph.xlators.length * MEMORY.perXlator;
    bytes += g.clients.length * MEMORY.perClient;
    bytes += g.clusters.length * MEMORY.inodeTable[config.inode_table];
    bytes += (g.healerThreads('afr') + g.healerThreads('ec')) * MEMORY.perHealerThread;
    bytes += g.framesInFlight() * MEMORY.perFrame;
  }
  return bytes;
}

export function toMiB(bytes: number): number {
  return bytes / MiB;
}
