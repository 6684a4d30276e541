/**
 * The liveness phase appended to a swarm case once its body has run: bring everything back, then
 * expect the cluster to settle. Built from the model's real state at the end of the body (not from
 * the generator's belief), as steps of the scenario language, so the saved file replays it.
 *
 * 1. A node still powered off (a reboot in progress) is waited for: the longest `down` of the body.
 * 2. `start-glusterd` on every node whose glusterd is down; every glusterd up within a minute.
 * 3. `gluster volume start V force` for every volume (starts a stopped one, restarts dead bricks),
 *    `gluster volume reset V` for one with options set (heal-timeout, self-heal-daemon off …), and every
 *    brick of every volume up within a minute.
 * 4. For every replicate/disperse volume, `pending_heals(V) == 0` within HEAL_BOUND: twice the
 *    default `cluster.heal-timeout` (600 s), so a healer that missed every trigger still crawls once.
 * 5. No graph cleanup left on any node (GlusterFS's tests expect a detach cleanup under 5 s).
 */

/** What the liveness phase needs to know of the model at the end of the body. */
export interface LivenessView {
  readonly nodes: readonly { readonly name: string; readonly powered: boolean; readonly glusterdUp: boolean }[];
  /** The volumes glusterd knows, in creation order. */
  readonly volumes: readonly {
    readonly name: string;
    readonly shdCompatible: boolean;
    readonly hasOptions: boolean;
    readonly bricks: readonly string[]; // HOST:PATH
  }[];
  /** The longest `down` of the body's reboot steps, in µs (0 when none). */
  readonly longestDown: number;
}

export const HEAL_BOUND = '20m';
const BACK_BOUND = '1m';

export function livenessSteps(view: LivenessView): string[] {
  const out: string[] = [];
  if (view.nodes.some((n) => !n.powered)) out.push(`wait ${Math.ceil(view.longestDown / 1_000_000) + 5}s`);
  for (const n of view.nodes) if (!n.glusterdUp || !n.powered) out.push(`start-glusterd ${n.name}`);
  for (const n of view.nodes) out.push(`expect glusterd_up(${n.name}) == 1 within ${BACK_BOUND}`);
  for (const v of view.volumes) {
    out.push(`gluster volume start ${v.name} force`);
    if (v.hasOptions) out.push(`gluster volume reset ${v.name}`);
  }
  for (const v of view.volumes) {
    if (v.bricks.length === 0) continue;
    out.push(`expect ${v.bricks.map((b) => `brick_up(${b})`).join(' + ')} == ${v.bricks.length} within ${BACK_BOUND}`);
  }
  for (const v of view.volumes) if (v.shdCompatible) out.push(`expect pending_heals(${v.name}) == 0 within ${HEAL_BOUND}`);
  for (const n of view.nodes) out.push(`expect cleanup_threads(${n.name}) == 0 within ${BACK_BOUND}`);
  return out;
}
