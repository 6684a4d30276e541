/**
 * The management operations (`gluster volume …`): what glusterd refuses and how it says it (the
 * GlusterFS CLI's wording, approximated where the reference gives none), the change to the volume store,
 * and what each peer's glusterd does in the commit phase (bricks, the shd manager, reconfigure).
 *
 * A refused operation fails as the CLI would and changes nothing; the run goes on.
 */
import type { ProcessBody } from '../../engine/process.js';
import type { BrickRef, GlusterCommand } from '../../scenario/ast.js';
import type { Cluster } from '../cluster.js';
import { uuid } from '../ids.js';
import { validateVolumeOption } from '../volfile/options.js';
import type { BrickSpec, VolumeKind } from '../volfile/layout.js';
import { Volume } from '../volume.js';
import type { Glusterd } from './glusterd.js';

export interface OpPlan {
  /** Waits that come before the store changes (glusterd_wait_for_blockers). */
  before?(g: Glusterd): ProcessBody<void>;
  /** The change to the shared volume store, made once. */
  apply(): void;
  /**
   * Commit work on one peer's glusterd (under its big lock); returns an error to report, or ''.
   * `originator` is the glusterd the CLI talks to (its own failures read "localhost").
   */
  commit(g: Glusterd, originator: Glusterd): ProcessBody<string>;
  /** Only these peers take part in the commit (default: all that are up). */
  peers?(g: Glusterd): boolean;
  /** The CLI's answer on success. */
  readonly success: string;
}

export type Planned = OpPlan | { readonly error: string };

const ok = function* (): ProcessBody<string> {
  return '';
};

/** Optimal disperse redundancy when none is given (the CLI suggests it): 3 → 1, 6 → 2, 12 → 4. */
export function defaultRedundancy(disperse: number): number {
  return Math.max(1, Math.floor(disperse / 3));
}

function brickKey(b: BrickRef): string {
  return `${b.host}:${b.path}`;
}

/** Bricks already used by a volume, or repeated in the command: the CLI's refusal, or ''. */
function brickConflict(cluster: Cluster, bricks: readonly BrickRef[], verb: string): string {
  const seen = new Set<string>();
  for (const b of bricks) {
    const k = brickKey(b);
    if (seen.has(k)) return `${verb}: failed: Found duplicate exports ${k}`;
    seen.add(k);
    const owner = cluster.store.owner(b.host, b.path);
    if (owner) {
      return verb.startsWith('volume create')
        ? `${verb}: failed: ${b.path} is already part of a volume`
        : `${verb}: failed: Brick: ${k} not available. Brick may be containing or be contained by an existing brick.`;
    }
  }
  return '';
}

/** Two bricks of one replica/disperse set on one server need `force`. */
function sameHostInSet(bricks: readonly BrickRef[], setSize: number, kind: VolumeKind): string {
  if (setSize < 2) return '';
  for (let i = 0; i + setSize <= bricks.length; i += setSize) {
    const hosts = bricks.slice(i, i + setSize).map((b) => b.host);
    if (new Set(hosts).size < hosts.length) {
      const what = kind === 'disperse' ? 'disperse' : 'replicate';
      return `Multiple bricks of a ${what} volume are present on the same server. This setup is not optimal. Bricks should be on different nodes to have best fault tolerant configuration. Use 'force' at the end of the command if you want to override this behavior. `;
    }
  }
  return '';
}

/**
 * The CLI's answer when a node's commit failed without a reason: volume start runs through mgmt_v3,
 * whose commit phase says "Commit failed on localhost. Please check log file for details." for the
 * originator and collates a peer's failure as "Commit failed on <peer>. Please check log file for
 * details." (glusterd-mgmt.c).
 */
function commitFailed(verb: string, g: Glusterd, originator: Glusterd): string {
  const host = g === originator ? 'localhost' : g.node.name;
  return `${verb}: failed: Commit failed on ${host}. Please check log file for details.`;
}

const toSpecs = (bricks: readonly BrickRef[]): BrickSpec[] => bricks.map((b) => ({ host: b.host, path: b.path }));

export function plan(cluster: Cluster, cmd: GlusterCommand): Planned {
  const store = cluster.store;
  switch (cmd.op) {
    case 'volume-create': {
      const V = cmd.volume;
      const verb = `volume create: ${V}`;
      if (store.has(V)) return { error: `${verb}: failed: Volume ${V} already exists` };
      const n = cmd.bricks.length;
      let kind: VolumeKind = 'distribute';
      let replica = 1;
      let disperse = 0;
      let redundancy = 0;
      if (cmd.replica !== undefined) {
        if (cmd.replica < 2) return { error: `${verb}: failed: replica count should be greater than 1` };
        if (n % cmd.replica !== 0) return { error: `${verb}: failed: number of bricks is not a multiple of replica count` };
        kind = 'replicate';
        replica = cmd.replica;
      } else if (cmd.disperse !== undefined || cmd.redundancy !== undefined) {
        disperse = cmd.disperse ?? n;
        redundancy = cmd.redundancy ?? defaultRedundancy(disperse);
        if (disperse < 3) return { error: `${verb}: failed: disperse count must be greater than 2` };
        if (redundancy < 1 || 2 * redundancy >= disperse) return { error: `${verb}: failed: redundancy must be greater than 0 and less than half of the disperse count` };
        if (n % disperse !== 0) return { error: `${verb}: failed: number of bricks is not a multiple of disperse count` };
        kind = 'disperse';
      }
      const conflict = brickConflict(cluster, cmd.bricks, verb);
      if (conflict) return { error: conflict };
      const setSize = kind === 'replicate' ? replica : kind === 'disperse' ? disperse : 1;
      const spread = cmd.force ? '' : sameHostInSet(cmd.bricks, setSize, kind);
      if (spread) return { error: `${verb}: failed: ${spread}` };
      return {
        apply: () => {
          const v = new Volume(V, uuid(cluster.uuids), kind, toSpecs(cmd.bricks), replica, cmd.arbiter ?? 0, disperse, redundancy, uuid(cluster.uuids), uuid(cluster.uuids));
          store.add(v);
        },
        commit: ok,
        success: `${verb}: success: please start the volume to access data`,
      };
    }

    case 'volume-start': {
      const V = cmd.volume;
      const v = store.get(V);
      if (!v) return { error: `volume start: ${V}: failed: Volume ${V} does not exist` };
      if (v.started && !cmd.force) return { error: `volume start: ${V}: failed: Volume ${V} already started` };
      return {
        apply: () => {
          v.state = 'started';
          v.version++;
        },
        *commit(g, originator) {
          // `start force` restarts dead bricks, then runs the manager again (mux: "No change in volfile").
          yield* g.startBricks(v);
          // glusterd_op_start_volume returns glusterd_svcs_manager's error: an shd that cannot be
          // started or attached fails the commit on that node (bz#1728766, "Volume start failed when
          // shd is down in one of the node"); the volume stays started.
          if (v.shdCompatible && (yield* g.shd.manager(v)) !== 0) return commitFailed(`volume start: ${V}`, g, originator);
          return '';
        },
        success: `volume start: ${V}: success`,
      };
    }

    case 'volume-stop': {
      const V = cmd.volume;
      const v = store.get(V);
      if (!v) return { error: `volume stop: ${V}: failed: Volume ${V} does not exist` };
      if (!v.started) return { error: `volume stop: ${V}: failed: Volume ${V} is not in the started state` };
      return {
        apply: () => {
          v.state = 'stopped';
          v.version++;
        },
        *commit(g) {
          // glusterd_stop_volume: the bricks first, then the daemons' managers.
          g.stopBricks(v);
          if (v.shdCompatible) yield* g.shd.manager(v);
          return '';
        },
        success: `volume stop: ${V}: success`,
      };
    }

    case 'volume-delete': {
      const V = cmd.volume;
      const v = store.get(V);
      if (!v) return { error: `volume delete: ${V}: failed: Volume ${V} does not exist` };
      if (v.started) return { error: `volume delete: ${V}: failed: Volume ${V} has been started.Volume needs to be stopped before deletion.` };
      return {
        before: (g) => g.waitForBlockers(),
        apply: () => {
          store.delete(V);
          cluster.heals.orphan(V);
        },
        *commit(g) {
          yield* g.waitForBlockers();
          yield* g.shd.deleted(v);
          return '';
        },
        success: `volume delete: ${V}: success`,
      };
    }

    case 'add-brick':
      return planAddBrick(cluster, cmd);
    case 'remove-brick':
      return planRemoveBrick(cluster, cmd);

    case 'volume-set':
    case 'volume-reset': {
      const V = cmd.volume;
      const verb = cmd.op === 'volume-set' ? 'volume set' : 'volume reset';
      const v = store.get(V);
      if (!v) return { error: `${verb}: failed: Volume ${V} does not exist` };
      let value = '';
      if (cmd.op === 'volume-set') {
        const r = validateVolumeOption(cmd.key, cmd.value);
        if (!r.ok) return { error: `volume set: failed: ${r.message}` };
        value = r.value;
      }
      return {
        apply: () => {
          if (cmd.op === 'volume-set') v.options.set(cmd.key, value);
          else if (cmd.key !== undefined) v.options.delete(cmd.key);
          else v.options.clear();
          v.version++;
        },
        *commit(g) {
          yield* g.shd.reconfigure(v);
          return '';
        },
        success: cmd.op === 'volume-set' ? 'volume set: success' : 'volume reset: success: reset volume successful',
      };
    }

    case 'volume-heal':
      return planHeal(cluster, cmd);
  }
}

/**
 * `gluster volume heal V [enable|disable|full]`. glusterd's refusals (glusterd_op_stage_heal_volume,
 * glusterd_handle_heal_cmd, __glusterd_handle_cli_heal_volume) reach the CLI, which prints them under
 * "<operation> on volume V has been unsuccessful:" (gf_cli_heal_volume_cbk).
 */
function planHeal(cluster: Cluster, cmd: Extract<GlusterCommand, { op: 'volume-heal' }>): Planned {
  const V = cmd.volume;
  const v = cluster.store.get(V);
  const operation = {
    index: 'Launching heal operation to perform index self heal',
    full: 'Launching heal operation to perform full self heal',
    enable: 'Enable heal',
    disable: 'Disable heal',
  }[cmd.action];
  const failed = (why: string): string => `${operation} on volume ${V} has been unsuccessful:\n${why}`;
  if (!v) return { error: failed(`Volume ${V} does not exist`) };
  if (cmd.action === 'enable' || cmd.action === 'disable') {
    // A volume set of the type's shd key; a volume without one fails with no reason given.
    if (!v.shdCompatible) return { error: failed('operation failed') };
    const key = v.kind === 'disperse' ? 'cluster.disperse-self-heal-daemon' : 'cluster.self-heal-daemon';
    const on = cmd.action === 'enable';
    return {
      apply: () => {
        v.options.set(key, on ? 'enable' : 'disable');
        v.version++;
      },
      *commit(g) {
        yield* g.shd.reconfigure(v);
        return '';
      },
      success: `${operation} on volume ${V} has been successful `,
    };
  }
  if (!v.started) return { error: failed(`Volume ${V} is not started.`) };
  const key = v.kind === 'disperse' ? 'cluster.disperse-self-heal-daemon' : 'cluster.self-heal-daemon';
  const setting = v.options.get(key);
  if (setting !== undefined && ['off', 'no', 'false', 'disable', '0'].includes(setting.toLowerCase())) {
    return { error: failed(`Self-heal-daemon is disabled. Heal will not be triggered on volume ${V}`) };
  }
  if (!v.shdCompatible) return { error: failed(`Volume ${V} is not of type replicate or disperse`) };
  const action = cmd.action;
  return {
    apply: () => {},
    // The brick op goes to the shd of every node holding a brick of the volume.
    peers: (g) => v.bricks.some((b) => b.host === g.node.name),
    *commit(g, originator) {
      const r: { ok: boolean; message: string } = yield* g.shd.heal(v, action === 'full' ? 'full' : 'index');
      if (r.ok) return '';
      // The shd-offline check is part of each node's stage: a peer's failure is collated by name.
      return failed(g === originator ? r.message : `Staging failed on ${g.node.name}. Error: ${r.message}`);
    },
    success: `${operation} on volume ${V} has been successful \nUse heal info commands to check status.`,
  };
}

function planAddBrick(cluster: Cluster, cmd: Extract<GlusterCommand, { op: 'add-brick' }>): Planned {
  const V = cmd.volume;
  const verb = 'volume add-brick';
  const v = cluster.store.get(V);
  if (!v) return { error: `${verb}: failed: Volume ${V} does not exist` };
  const conflict = brickConflict(cluster, cmd.bricks, verb);
  if (conflict) return { error: conflict };
  const added = toSpecs(cmd.bricks);
  const n = added.length;
  let next: BrickSpec[];
  let kind = v.kind;
  let replica = v.kind === 'replicate' ? v.replica : 1;
  let arbiter = v.arbiter;
  const target = cmd.replica ?? (v.kind === 'replicate' ? v.replica : undefined);
  if (v.kind === 'disperse') {
    if (cmd.replica !== undefined) return { error: `${verb}: failed: replica count cannot be given for a disperse volume` };
    if (n % v.disperse !== 0) return { error: `${verb}: failed: Incorrect number of bricks supplied ${n} with count ${v.disperse}` };
    next = [...v.bricks, ...added];
  } else if (target !== undefined && target > replica) {
    // Raise the replica count (or turn distribute into replicate): each set gains target − replica bricks.
    const sets = v.kind === 'replicate' ? v.setCount : v.bricks.length;
    const per = target - replica;
    if (n !== sets * per) return { error: `${verb}: failed: Incorrect number of bricks supplied ${n} with count ${target}` };
    next = [];
    for (let s = 0; s < sets; s++) next.push(...v.bricks.slice(s * replica, s * replica + replica), ...added.slice(s * per, s * per + per));
    kind = 'replicate';
    replica = target;
    if (cmd.arbiter) arbiter = cmd.arbiter;
  } else if (target !== undefined && target < replica) {
    return { error: `${verb}: failed: Incorrect replica count (${target}) supplied. Volume already has (${replica})` };
  } else {
    const setSize = v.kind === 'replicate' ? replica : 1;
    if (n % setSize !== 0) return { error: `${verb}: failed: Incorrect number of bricks supplied ${n} with count ${setSize}` };
    next = [...v.bricks, ...added];
  }
  const setSize = kind === 'replicate' ? replica : kind === 'disperse' ? v.disperse : 1;
  const spread = cmd.force ? '' : sameHostInSet(next, setSize, kind);
  if (spread) return { error: `${verb}: failed: ${spread}` };
  const wasCompatible = v.shdCompatible;
  const raisesReplica = kind === 'replicate' && replica > (v.kind === 'replicate' ? v.replica : 1);
  const newPaths = new Set(added.map((b) => b.path));
  return {
    before: (g) => g.waitForBlockers(),
    apply: () => v.relayout(next, kind, replica, arbiter),
    *commit(g) {
      yield* g.waitForBlockers();
      // Raising the replica count: the volume's shd goes first, so it cannot crawl the root and drop
      // its index before the new bricks are marked (2057ee71cd, #1240).
      if (raisesReplica && wasCompatible && v.started) yield* g.shd.stopForTopology(v);
      if (v.started) yield* g.startBricks(v, newPaths);
      if (v.shdCompatible) yield* g.shd.manager(v);
      return '';
    },
    success: `${verb}: success`,
  };
}

function planRemoveBrick(cluster: Cluster, cmd: Extract<GlusterCommand, { op: 'remove-brick' }>): Planned {
  const V = cmd.volume;
  const verb = 'volume remove-brick commit force';
  const v = cluster.store.get(V);
  if (!v) return { error: `${verb}: failed: Volume ${V} does not exist` };
  const idx: number[] = [];
  for (const b of cmd.bricks) {
    const i = v.brickIndex(b.host, b.path);
    if (i < 0) return { error: `${verb}: failed: Incorrect brick ${brickKey(b)} for volume ${V}` };
    idx.push(i);
  }
  if (new Set(idx).size !== idx.length) return { error: `${verb}: failed: Found duplicate exports` };
  if (idx.length >= v.bricks.length) return { error: `${verb}: failed: Deleting all the bricks of the volume is not allowed` };
  const removed = new Set(idx);
  let kind = v.kind;
  let replica = v.kind === 'replicate' ? v.replica : 1;
  let arbiter = v.arbiter;
  if (cmd.replica !== undefined && v.kind === 'replicate' && cmd.replica < v.replica) {
    // Lower the replica count by one brick from every set.
    if (cmd.replica !== v.replica - 1) return { error: `${verb}: failed: Changing replica count from ${v.replica} to ${cmd.replica} at once is not supported` };
    const perSet = v.bricksPerSet(idx);
    if (perSet.size !== v.setCount || [...perSet.values()].some((c) => c !== 1)) {
      return { error: `${verb}: failed: Remove brick incorrect brick count of ${idx.length} for replica ${cmd.replica}` };
    }
    if (arbiter && idx.some((i) => i % v.replica === v.replica - 1)) arbiter = 0;
    replica = cmd.replica;
    if (replica === 1) kind = 'distribute';
  } else {
    // Whole sets only.
    const size = v.setSize;
    if ([...v.bricksPerSet(idx).values()].some((c) => c !== size)) return { error: `${verb}: failed: Bricks not from same subvol for ${v.kind === 'disperse' ? 'disperse' : 'replica'}` };
  }
  const next = v.bricks.filter((_, i) => !removed.has(i));
  const gone = cmd.bricks.map((b) => ({ ...b }));
  const wasCompatible = v.shdCompatible;
  return {
    before: (g) => g.waitForBlockers(),
    apply: () => v.relayout(next, kind, replica, arbiter),
    *commit(g) {
      yield* g.waitForBlockers();
      for (const b of gone) if (b.host === g.node.name) g.stopBrickAt(v.name, b.path);
      if (wasCompatible || v.shdCompatible) yield* g.shd.manager(v);
      return '';
    },
    success: `${verb}: success`,
  };
}
