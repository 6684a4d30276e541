/**
 * A request from the shd to a brick, kept in its client's saved-frames table until the reply arrives
 * (reference §1.12): a reply completes it `ok`; a transport disconnect unwinds it with ENOTCONN. A frame
 * is its own event (the reply's arrival) and the one process that sent it waits on it directly.
 */
import { Activity, type Scope } from '../../engine/scope.js';
import type { Waitable, Waiter } from '../../engine/signal.js';
import type { Micros } from '../../engine/time.js';

/** GlusterFS fop names and numbers (glusterfs-fops.x), as `forced unwinding … op(LOOKUP(27))` shows them. */
export const FOPS = {
  READ: 12,
  WRITE: 13,
  SETXATTR: 17,
  GETXATTR: 18,
  OPENDIR: 20,
  CREATE: 23,
  FSTAT: 25,
  LOOKUP: 27,
  READDIR: 28,
  INODELK: 29,
  ENTRYLK: 31,
  XATTROP: 33,
  SETATTR: 38,
} as const;
export type Fop = keyof typeof FOPS;

export type FrameResult = 'pending' | 'ok' | 'enotconn';

/** Who a frame reports to when its reply arrives (the client xlator that sent it). */
export interface FrameOwner {
  replied(frame: Frame): void;
}

export class Frame extends Activity implements Waitable {
  result: FrameResult = 'pending';
  private waiter: Waiter | undefined = undefined;
  private waitToken = 0;
  private waitSlot = 0;

  constructor(
    scope: Scope,
    readonly owner: FrameOwner,
    readonly fop: Fop,
    readonly xid: number,
    readonly sentAt: Micros,
    readonly gfid: string,
  ) {
    super(scope, fop);
  }

  get done(): boolean {
    return this.result !== 'pending';
  }

  get ok(): boolean {
    return this.result === 'ok';
  }

  protected onFire(): void {
    this.owner.replied(this);
  }

  /** Settles the frame and wakes its sender; a second settle is ignored. */
  complete(result: 'ok' | 'enotconn'): void {
    if (this.result !== 'pending') return;
    this.result = result;
    this.cancel();
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w.wake(this.waitToken, this.waitSlot, result);
    }
  }

  subscribe(waiter: Waiter, token: number, slot: number): void {
    if (this.result !== 'pending') {
      waiter.wake(token, slot, this.result);
      return;
    }
    this.waiter = waiter;
    this.waitToken = token;
    this.waitSlot = slot;
  }
}
