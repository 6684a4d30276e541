/**
 * The observables a scenario can read, their argument shapes, and the check of a call's arguments
 * against the cluster (hosts exist, bricks are HOST:PATH, the healer kind is afr or ec). Volume names
 * are only checked for form: a volume may be created by a later step.
 */
import type { Observable, ObservableName, SourcePos } from './ast.js';
import { checkBrick, checkHost, checkVolume, type Checker } from './lexicon.js';

type ArgKind = 'HOST' | 'VOLUME' | 'HOST:PATH' | 'afr|ec';

export const OBSERVABLES: Readonly<Record<ObservableName, readonly ArgKind[]>> = {
  shd_count: ['HOST'],
  shd_pid: ['VOLUME', 'HOST'],
  pidfile: ['VOLUME', 'HOST'],
  healer_threads: ['HOST', 'afr|ec'],
  cleanup_threads: ['HOST'],
  pending_heals: ['VOLUME'],
  attached: ['VOLUME', 'HOST'],
  shd_starts: ['HOST'],
  brick_up: ['HOST:PATH'],
  glusterd_up: ['HOST'],
  log_lines: ['HOST'],
  log_bytes: ['HOST'],
  frames_unwound: ['HOST'],
  frames_in_flight: ['HOST'],
  heals_completed: ['VOLUME'],
};

export const OBSERVABLE_NAMES = Object.keys(OBSERVABLES) as ObservableName[];

export function isObservableName(name: string): name is ObservableName {
  return Object.prototype.hasOwnProperty.call(OBSERVABLES, name);
}

/** `shd_pid(VOLUME, HOST)`: the form of a call, for messages. */
export function usage(name: ObservableName): string {
  return `${name}(${OBSERVABLES[name].join(', ')})`;
}

export interface Arg {
  readonly text: string;
  readonly pos: SourcePos;
  /** Position of the argument's character `offset`. */
  at(offset: number): SourcePos;
}

/** Builds the call, or records what is wrong with it and returns null. */
export function checkObservable(c: Checker, name: ObservableName, args: readonly Arg[], namePos: SourcePos, end: SourcePos): Observable | null {
  const kinds = OBSERVABLES[name];
  if (args.length !== kinds.length) {
    const pos = args.length > kinds.length ? args[kinds.length]!.pos : args.length > 0 ? end : namePos;
    c.problems.add(pos, `${name} takes ${kinds.length} argument${kinds.length === 1 ? '' : 's'}, got ${args.length}`, usage(name));
    return null;
  }
  let ok = true;
  const host = (i: number) => {
    const h = checkHost(c, args[i]!.text, args[i]!.pos);
    if (h === null) ok = false;
    return h ?? '';
  };
  const volume = (i: number) => {
    const v = checkVolume(c, args[i]!.text, args[i]!.pos);
    if (v === null) ok = false;
    return v ?? '';
  };
  let call: Observable;
  switch (name) {
    case 'shd_pid':
    case 'pidfile':
    case 'attached':
      call = { name, volume: volume(0), host: host(1) };
      break;
    case 'pending_heals':
    case 'heals_completed':
      call = { name, volume: volume(0) };
      break;
    case 'healer_threads': {
      const kind = args[1]!.text;
      if (kind !== 'afr' && kind !== 'ec') {
        c.problems.add(args[1]!.pos, `bad healer kind '${kind}'`, 'afr or ec');
        ok = false;
      }
      call = { name, host: host(0), kind: kind === 'ec' ? 'ec' : 'afr' };
      break;
    }
    case 'brick_up': {
      const brick = checkBrick(c, args[0]!.text, args[0]!.at);
      if (brick === null) ok = false;
      call = { name, brick: brick ?? { host: '', path: '' } };
      break;
    }
    case 'shd_count':
    case 'cleanup_threads':
    case 'shd_starts':
    case 'glusterd_up':
    case 'log_lines':
    case 'log_bytes':
    case 'frames_unwound':
    case 'frames_in_flight':
      call = { name, host: host(0) };
      break;
  }
  return ok ? call : null;
}
