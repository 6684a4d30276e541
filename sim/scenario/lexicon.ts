/**
 * The small vocabulary shared by steps and observables: host names, volume names, bricks,
 * mountpoints, durations, counts. Each checker either returns the value or records why not.
 */
import { parseDuration, type Micros } from '../engine/time.js';
import type { BrickRef, SourcePos } from './ast.js';
import { excerpt } from './limits.js';
import type { Problems } from './problems.js';
import { hint } from '../suggest.js';

export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** GlusterFS allows letters, digits, `-` and `_` in a volume name. */
const VOLUME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
/** A host name or address as GlusterFS takes it in HOST:PATH. */
export const HOST = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const DURATION_FORM = 'a duration such as 500ms, 45s, 1.5m, 2h';

/** What a checker needs: where to report, and which hosts exist. */
export interface Checker {
  readonly problems: Problems;
  readonly nodes: ReadonlySet<string>;
  readonly nodeList: readonly string[];
}

export function checkHost(c: Checker, text: string, pos: SourcePos): string | null {
  if (c.nodes.has(text)) return text;
  c.problems.add(pos, `unknown host '${excerpt(text)}'${hint(text, c.nodeList)}`, `one of the cluster nodes: ${c.nodeList.join(', ')}`);
  return null;
}

export function checkVolume(c: Checker, text: string, pos: SourcePos): string | null {
  if (VOLUME.test(text)) return text;
  c.problems.add(pos, `bad volume name '${excerpt(text)}'`, 'a volume name of letters, digits, - and _');
  return null;
}

/** Removes repeated and trailing slashes, as GlusterFS does with brick paths (`/b//v0/` is `/b/v0`). */
export function normalizePath(path: string): string {
  const p = path.replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/$/, '') : p;
}

/** `HOST:PATH` on a cluster node with an absolute path. `at(offset)` positions inside the word. */
export function checkBrick(c: Checker, text: string, at: (offset: number) => SourcePos): BrickRef | null {
  const colon = text.indexOf(':');
  if (colon <= 0) {
    c.problems.add(at(0), `'${excerpt(text)}' is not a brick`, 'a brick HOST:PATH such as h1:/bricks/v0');
    return null;
  }
  const host = checkHost(c, text.slice(0, colon), at(0));
  const path = text.slice(colon + 1);
  if (!path.startsWith('/')) {
    c.problems.add(at(colon + 1), `brick path '${excerpt(path)}' is not absolute`, `HOST:/PATH such as ${excerpt(text.slice(0, colon))}:/bricks/v0`);
    return null;
  }
  return host === null ? null : { host, path: normalizePath(path) };
}

export function checkMountpoint(c: Checker, text: string, pos: SourcePos): string | null {
  if (!text.startsWith('/') || normalizePath(text) === '/') {
    c.problems.add(pos, `bad mountpoint '${excerpt(text)}'`, 'an absolute directory path such as /mnt/v0');
    return null;
  }
  return normalizePath(text);
}

export function checkDuration(c: Checker, text: string | undefined, pos: SourcePos, what = 'duration'): Micros | null {
  const d = text === undefined ? null : parseDuration(text);
  if (d !== null) return d;
  c.problems.add(pos, text === undefined ? `missing ${what}` : `bad ${what} '${excerpt(text)}'`, DURATION_FORM);
  return null;
}

/** A positive integer written in decimal digits. */
export function checkCount(c: Checker, text: string | undefined, pos: SourcePos, what: string): number | null {
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n > 0) return n;
  c.problems.add(pos, text === undefined ? `missing ${what}` : `bad ${what} '${excerpt(text)}'`, 'a positive integer');
  return null;
}
