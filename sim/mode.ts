/**
 * The shd modes the model runs, in one leaf module that the scenario language, the model, the reports
 * and the charts all read (none of them owns it, so none has to import another for it).
 */

/** legacy: GlusterFS ≤ 6, one shd per node restarted on every change; mux: GlusterFS ≥ 7, multiplexed. */
export type Mode = 'legacy' | 'mux';

/** Every mode, in the order outputs list them. */
export const MODES: readonly Mode[] = ['legacy', 'mux'];

/**
 * How an output row (CSV, run.json, charts) labels the run it comes from. Today only the model's modes;
 * a real-system target adds labels such as `real-10.3` by widening this one type
 * (e.g. `Mode | \`real-${string}\``).
 */
export type ModeLabel = Mode;
