/**
 * The network and disk timing model (simplification, documented in docs/model.md): a request from host A
 * to brick B on host H takes one-way latency (half of model.net_rtt between hosts, 25 µs on one host)
 * plus its payload at model.net_bandwidth, queues on B's disk (brick.ts) for model.brick_latency per
 * operation plus its bytes at model.brick_bandwidth, and its reply comes back the same way. Links do not
 * contend with each other; disks do.
 */
import type { Micros } from '../engine/time.js';
import type { BrickDisk } from './brick.js';
import type { ModelConfig } from './model-config.js';

export const LOOPBACK_ONE_WAY: Micros = 25;

export class Network {
  constructor(private readonly config: ModelConfig) {}

  oneWay(from: string, to: string): Micros {
    return from === to ? LOOPBACK_ONE_WAY : Math.round(this.config.net_rtt / 2);
  }

  rtt(from: string, to: string): Micros {
    return 2 * this.oneWay(from, to);
  }

  transfer(bytes: number): Micros {
    return bytes <= 0 ? 0 : Math.ceil((bytes * 1_000_000) / this.config.net_bandwidth);
  }

  /**
   * When the reply to a request sent now from `from` to `disk` arrives back: `sendBytes` travel there,
   * the disk does `ops` operations over `diskBytes`, `replyBytes` travel back.
   */
  requestDone(now: Micros, from: string, disk: BrickDisk, sendBytes: number, ops: number, diskBytes: number, replyBytes: number): Micros {
    const oneWay = this.oneWay(from, disk.host);
    const arrival = now + oneWay + this.transfer(sendBytes);
    const served = disk.serve(arrival, ops, diskBytes, this.config.brick_latency, this.config.brick_bandwidth);
    return served + oneWay + this.transfer(replyBytes);
  }
}
