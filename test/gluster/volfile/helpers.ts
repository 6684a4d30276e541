import { readFileSync } from 'node:fs';
import type { BrickSpec, VolumeLayout } from '../../../sim/gluster/volfile/layout.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/volfiles/${name}`, import.meta.url), 'utf8');
}

export function fixturePath(name: string): string {
  return new URL(`../../fixtures/volfiles/${name}`, import.meta.url).pathname;
}

/** `n` bricks named like `<vol>` test bricks, spread round-robin over `hosts`. */
export function bricks(n: number, pathOf: (i: number) => string, hosts = ['h1', 'h2', 'h3']): BrickSpec[] {
  return Array.from({ length: n }, (_, i) => ({ host: hosts[i % hosts.length]!, path: pathOf(i) }));
}

export function replicate(name: string, replica: number, bs: BrickSpec[], options: [string, string][] = [], arbiter = 0): VolumeLayout {
  return { name, kind: 'replicate', bricks: bs, replica, arbiter, disperse: 0, redundancy: 0, options: new Map(options), username: `${name}-u`, password: `${name}-p` };
}

export function disperse(name: string, size: number, redundancy: number, bs: BrickSpec[], options: [string, string][] = []): VolumeLayout {
  return { name, kind: 'disperse', bricks: bs, replica: 1, arbiter: 0, disperse: size, redundancy, options: new Map(options), username: `${name}-u`, password: `${name}-p` };
}

export function distribute(name: string, bs: BrickSpec[]): VolumeLayout {
  return { name, kind: 'distribute', bricks: bs, replica: 1, arbiter: 0, disperse: 0, redundancy: 0, options: new Map(), username: `${name}-u`, password: `${name}-p` };
}
