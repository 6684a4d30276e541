/**
 * The GlusterFS release each mode stands for, as its processes print it in their start lines and crash
 * dumps: legacy is the last release before the multiplexed shd (6.10), mux the first line that has it (7.x;
 * 7.9 is that line's last release, tags v6.10 and v7.9 of the GlusterFS source).
 */
import type { Mode } from '../mode.js';

export const GLUSTERFS_VERSION: Record<Mode, string> = { legacy: '6.10', mux: '7.9' };
