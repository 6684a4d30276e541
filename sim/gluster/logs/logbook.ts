/**
 * Counts what the gluster processes log, per node, process and message id, in lines and bytes of the
 * real format (see format.ts), and keeps the lines themselves only when asked (`--logs`): a long run
 * logs millions of lines, and the counts are what the reports need.
 */
import type { Micros } from '../../engine/time.js';
import type { Level, MessageDef } from './catalogue.js';
import { TIMESTAMP_WIDTH, timestamp } from './format.js';

export type LogProcess = 'glusterd' | 'glustershd';

export interface LogCount {
  node: string;
  process: LogProcess;
  /** The message id, or a name for lines without one (`saved_frames_unwind`, `graph-dump`, `crash`). */
  key: string;
  level: Level | '-';
  lines: number;
  bytes: number;
}

/** The key a message is counted under. */
export function messageKey(m: MessageDef<never> | MessageDef<unknown>): string {
  if (m.msgid !== null) return String(m.msgid);
  return m.where.slice(m.where.lastIndexOf(':') + 1);
}

export class LogBook {
  private readonly counts = new Map<string, LogCount>();
  private readonly perNode = new Map<string, { lines: number; bytes: number }>();
  private readonly captured = new Map<string, string[]>();
  totalLines = 0;
  totalBytes = 0;

  /** `capture`: keep every line for writing log files. */
  constructor(
    private readonly now: () => Micros,
    readonly capture: boolean,
  ) {}

  /**
   * One line of message `m` with its arguments, from `process` on `node`, for xlator `domain`
   * (`0-management`, `0-glusterfs`, `2-v0-client-1` …).
   */
  log<A>(node: string, process: LogProcess, domain: string, m: MessageDef<A>, args: A): void {
    const text = m.text(args);
    const msgid = m.msgid === null ? '' : `[MSGID: ${m.msgid}] `;
    // `[ts +0000] L [MSGID: n] [where] domain: text\n`
    // UTF-8 bytes, as the file holds them: the text and the domain may carry non-ASCII names (a brick
    // path such as /bricks/données); the rest is ASCII.
    const bytes = TIMESTAMP_WIDTH + 2 + msgid.length + m.where.length + 3 + Buffer.byteLength(domain, 'utf8') + 2 + Buffer.byteLength(text, 'utf8') + 1;
    this.add(node, process, messageKey(m as MessageDef<unknown>), m.level, 1, bytes);
    if (this.capture) this.lines(node, process).push(`[${timestamp(this.now())} +0000] ${m.level} ${msgid}[${m.where}] ${domain}: ${text}`);
  }

  /**
   * Plain lines without a prefix (the Final graph dump, a crash dump), counted under `key`. When not
   * capturing, the caller may pass only the size: `lines` is then a count and `bytes` its size.
   */
  plain(node: string, process: LogProcess, key: string, block: readonly string[] | { lines: number; bytes: number }, render?: () => readonly string[]): void {
    if (Array.isArray(block)) {
      const lines = block as readonly string[];
      let bytes = 0;
      for (const l of lines) bytes += Buffer.byteLength(l, 'utf8') + 1;
      this.add(node, process, key, '-', lines.length, bytes);
      if (this.capture) this.lines(node, process).push(...lines);
      return;
    }
    const size = block as { lines: number; bytes: number };
    this.add(node, process, key, '-', size.lines, size.bytes);
    if (this.capture && render) this.lines(node, process).push(...render());
  }

  /** Lines and bytes logged so far on `node` (every process). */
  nodeTotals(node: string): { lines: number; bytes: number } {
    return this.perNode.get(node) ?? { lines: 0, bytes: 0 };
  }

  /** Every count, in a stable order: node, process, then key. */
  rows(): LogCount[] {
    return [...this.counts.values()].sort(
      (a, b) => cmp(a.node, b.node) || cmp(a.process, b.process) || cmp(a.key, b.key),
    );
  }

  /** Captured lines of one log file (empty unless capturing). */
  file(node: string, process: LogProcess): readonly string[] {
    return this.captured.get(`${node}\0${process}`) ?? [];
  }

  private lines(node: string, process: LogProcess): string[] {
    const k = `${node}\0${process}`;
    let l = this.captured.get(k);
    if (!l) {
      l = [];
      this.captured.set(k, l);
    }
    return l;
  }

  private add(node: string, process: LogProcess, key: string, level: Level | '-', lines: number, bytes: number): void {
    const k = `${node}\0${process}\0${key}`;
    let c = this.counts.get(k);
    if (!c) {
      c = { node, process, key, level, lines: 0, bytes: 0 };
      this.counts.set(k, c);
    }
    c.lines += lines;
    c.bytes += bytes;
    let n = this.perNode.get(node);
    if (!n) {
      n = { lines: 0, bytes: 0 };
      this.perNode.set(node, n);
    }
    n.lines += lines;
    n.bytes += bytes;
    this.totalLines += lines;
    this.totalBytes += bytes;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
