/**
 * The typed form of a scenario, produced by the loader before anything runs (every error is found up
 * front) and consumed by the runner. `${…}` substitution, brace expansion and `repeat` unrolling have
 * already happened: every string here is final, every number is an integer, every duration is in µs.
 *
 * This file is the contract between the scenario front end (sim/scenario/) and the model
 * (sim/gluster/): the model executes `ModelCommand`s and answers `Observable`s.
 */
import type { Micros } from '../engine/time.js';

import type { Mode } from '../mode.js';

export { MODES, type Mode } from '../mode.js';

/** Where a step came from, for error messages and expectation reports: `file:line:col`. */
export interface SourcePos {
  readonly file: string;
  readonly line: number; // 1-based
  readonly col: number; // 1-based
}

export interface BrickRef {
  readonly host: string;
  readonly path: string;
}

// ---- gluster CLI commands ------------------------------------------------------------------------

export type GlusterCommand =
  | {
      readonly op: 'volume-create';
      readonly volume: string;
      readonly replica?: number; // `replica N`
      readonly arbiter?: number; // `arbiter 1` (only with replica 3)
      readonly disperse?: number; // `disperse N`: bricks per disperse set
      readonly redundancy?: number; // `redundancy R`
      readonly bricks: readonly BrickRef[];
      readonly force: boolean;
    }
  | { readonly op: 'volume-start'; readonly volume: string; readonly force: boolean }
  | { readonly op: 'volume-stop'; readonly volume: string; readonly force: boolean }
  | { readonly op: 'volume-delete'; readonly volume: string }
  | {
      readonly op: 'add-brick';
      readonly volume: string;
      readonly replica?: number;
      readonly arbiter?: number;
      readonly bricks: readonly BrickRef[];
      readonly force: boolean;
    }
  | {
      readonly op: 'remove-brick';
      readonly volume: string;
      readonly replica?: number;
      readonly bricks: readonly BrickRef[];
      /** Always true: only the immediate `force` form is modelled (start/commit migration is not). */
      readonly force: true;
    }
  | { readonly op: 'volume-set'; readonly volume: string; readonly key: string; readonly value: string }
  | { readonly op: 'volume-reset'; readonly volume: string; readonly key?: string }
  | { readonly op: 'volume-heal'; readonly volume: string; readonly action: 'index' | 'enable' | 'disable' | 'full' };

// ---- commands the model executes -----------------------------------------------------------------

export type ModelCommand =
  | { readonly kind: 'gluster'; readonly command: GlusterCommand }
  | { readonly kind: 'kill-brick'; readonly bricks: readonly BrickRef[] }
  | { readonly kind: 'kill-glusterd'; readonly host: string }
  | { readonly kind: 'start-glusterd'; readonly host: string }
  | { readonly kind: 'kill-node'; readonly host: string }
  | { readonly kind: 'reboot'; readonly host: string; readonly down: Micros }
  | { readonly kind: 'mount'; readonly volume: string; readonly mountpoint: string; readonly host?: string }
  | { readonly kind: 'umount'; readonly mountpoint: string }
  /** `touch /mnt/v0/f1 /mnt/v0/f2 …`: names are relative to the mount's root. */
  | { readonly kind: 'touch'; readonly mountpoint: string; readonly names: readonly string[] }
  | {
      readonly kind: 'write';
      readonly mountpoint: string;
      readonly files: number;
      readonly sizeMin: number; // bytes
      readonly sizeMax: number; // bytes
      readonly rate?: number; // files per second; absent: as fast as the volume takes them
      readonly duration?: Micros; // absent: until `files` are written
    };

// ---- expressions ---------------------------------------------------------------------------------

export type ObservableName =
  | 'shd_count'
  | 'shd_pid'
  | 'pidfile'
  | 'healer_threads'
  | 'cleanup_threads'
  | 'pending_heals'
  | 'attached'
  | 'shd_starts'
  | 'brick_up'
  | 'glusterd_up'
  | 'log_lines'
  | 'log_bytes'
  // additions to the spec's list
  | 'frames_unwound'
  | 'frames_in_flight'
  | 'heals_completed';

/**
 * An observable call, with its arguments already checked against the cluster (hosts exist, bricks
 * are HOST:PATH, the healer kind is afr or ec). Volume names are not checked: a volume may be created
 * by a later step, and asking about one that does not exist answers 0.
 */
export type Observable =
  | { readonly name: 'shd_count'; readonly host: string }
  | { readonly name: 'shd_pid'; readonly volume: string; readonly host: string }
  | { readonly name: 'pidfile'; readonly volume: string; readonly host: string }
  | { readonly name: 'healer_threads'; readonly host: string; readonly kind: 'afr' | 'ec' }
  | { readonly name: 'cleanup_threads'; readonly host: string }
  | { readonly name: 'pending_heals'; readonly volume: string }
  | { readonly name: 'attached'; readonly volume: string; readonly host: string }
  | { readonly name: 'shd_starts'; readonly host: string }
  | { readonly name: 'brick_up'; readonly brick: BrickRef }
  | { readonly name: 'glusterd_up'; readonly host: string }
  | { readonly name: 'log_lines'; readonly host: string }
  | { readonly name: 'log_bytes'; readonly host: string }
  | { readonly name: 'frames_unwound'; readonly host: string }
  | { readonly name: 'frames_in_flight'; readonly host: string }
  | { readonly name: 'heals_completed'; readonly volume: string };

export type Expr =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'var'; readonly name: string } // `$name`: a `let` variable, read when the step runs
  | { readonly kind: 'observable'; readonly call: Observable }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '%'; readonly left: Expr; readonly right: Expr };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

// ---- steps ---------------------------------------------------------------------------------------

interface StepBase {
  readonly pos: SourcePos;
  /** The step as written, after substitution (for messages, ops.csv and reports). */
  readonly text: string;
  /** Modes this step runs in; absent means every mode. */
  readonly modes?: readonly Mode[];
}

export type Step =
  | (StepBase & { readonly kind: 'command'; readonly command: ModelCommand })
  | (StepBase & { readonly kind: 'wait'; readonly duration: Micros })
  | (StepBase & { readonly kind: 'let'; readonly name: string; readonly expr: Expr })
  | (StepBase & {
      readonly kind: 'expect';
      readonly left: Expr;
      readonly op: CompareOp;
      readonly right: Expr;
      readonly within?: Micros;
    })
  | (StepBase & {
      readonly kind: 'repeat';
      readonly count: number;
      readonly as?: string;
      readonly every?: Micros;
      /** One fully parsed list of steps per iteration (loop variables substituted). */
      readonly iterations: readonly (readonly Step[])[];
    });

/** A loaded, expanded and checked scenario. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly nodes: readonly string[];
  /** Every param in force (defaults overridden by --set), as written after substitution. */
  readonly params: Readonly<Record<string, string | number>>;
  /** Every `model.*` setting given by the file or --set (the model adds its defaults). */
  readonly model: Readonly<Record<string, unknown>>;
  readonly steps: readonly Step[];
}
