/**
 * GlusterFS's log line format, with simulated time:
 *
 *   [2026-01-01 00:00:12.345678 +0000] I [MSGID: 106618] [glusterd-svc-helper.c:640:glusterd_attach_svc] 0-management: text
 *
 * Time 0 of every run is the fixed simulated epoch below, so log bytes are identical across runs.
 * Dates are computed here from the epoch (no Date object inside the simulator).
 */
import { US_PER_S, type Micros } from '../../engine/time.js';

/** Simulated epoch: 2026-01-01T00:00:00Z, as days since 1970-01-01. */
export const EPOCH_DAYS = 20454;

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** `2026-01-01 00:00:12.345678` for simulated time t. */
export function timestamp(t: Micros): string {
  const totalSeconds = Math.floor(t / US_PER_S);
  const micros = t - totalSeconds * US_PER_S;
  const days = Math.floor(totalSeconds / 86400);
  let rest = totalSeconds - days * 86400;
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  const [y, mo, d] = civilFromDays(EPOCH_DAYS + days);
  return `${y}-${pad(mo, 2)}-${pad(d, 2)} ${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(micros, 6)}`;
}

/** Every line has the same timestamp width, so its length is known without building it. */
export const TIMESTAMP_WIDTH = '[2026-01-01 00:00:00.000000 +0000] '.length;
