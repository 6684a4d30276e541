/**
 * `run --trace`: every model event of a run, streamed to disk in chunks (a long run has millions).
 *
 * - `jsonl` (the default): `trace-<mode>.jsonl`, one JSON object per event, `{t_us, kind, entity,
 *   detail?}` — exactly what the trajectory fingerprint is computed from.
 * - `chrome`: `trace.json` in the Chrome trace-event format (the JSON object form), which Perfetto
 *   (ui.perfetto.dev), chrome://tracing and Speedscope open: each mode is a process, each node a
 *   thread (events about no node go to a thread named after their kind), every event an instant
 *   event with its entity and detail as arguments, and the life of every process the model starts
 *   and stops (an event `X-start` with a pid as detail, ended by `X-stop`, `X-exit` or `X-crash` of
 *   that pid) an async slice, so shd and brick lifetimes show as bars. Timestamps are simulated µs.
 *
 * Both are functions of the events alone: the same seed and version give the same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceEvent } from '../sim/engine/simulation.js';

export type TraceFormat = 'jsonl' | 'chrome';
export const TRACE_FORMATS: readonly string[] = ['jsonl', 'chrome', 'both'];
export const CHROME_TRACE_FILE = 'trace.json';

/** `--trace-format` as the list of formats to write. */
export function traceFormats(option: string): TraceFormat[] {
  return option === 'both' ? ['jsonl', 'chrome'] : [option as TraceFormat];
}

const CHUNK = 8192;

/** An append-only file written in chunks of lines. */
class ChunkedFile {
  private readonly fd: number;
  private buf: string[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  push(line: string): void {
    this.buf.push(line);
    if (this.buf.length >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export interface TraceSink {
  write(mode: string, e: TraceEvent): void;
  close(): void;
}

/** `trace-<mode>.jsonl`, one object per line. */
export class JsonlTraceWriter implements TraceSink {
  private readonly files = new Map<string, ChunkedFile>();

  constructor(private readonly dir: string) {}

  write(mode: string, e: TraceEvent): void {
    let f = this.files.get(mode);
    if (!f) this.files.set(mode, (f = new ChunkedFile(join(this.dir, `trace-${mode}.jsonl`))));
    f.push(`${JSON.stringify(e.detail === undefined ? { t_us: e.time, kind: e.kind, entity: e.entity } : { t_us: e.time, kind: e.kind, entity: e.entity, detail: e.detail })}\n`);
  }

  close(): void {
    for (const f of this.files.values()) f.close();
  }
}

const LIFE = /^(.+)-(start|stop|exit|crash)$/;

interface ModeTrack {
  readonly pid: number;
  readonly tids: Map<string, number>;
  /** Open lifetimes: `${prefix}:${pid}` → the begin event's name and category. */
  readonly open: Map<string, { name: string; cat: string; tid: number }>;
  last: number;
}

/** `trace.json`: the Chrome / Perfetto trace-event format, every mode in one file. */
export class ChromeTraceWriter implements TraceSink {
  private readonly file: ChunkedFile;
  private readonly modes = new Map<string, ModeTrack>();
  private first = true;

  /** `nodes`: the cluster's host names (an entity `h1/v0` belongs to node h1's thread). */
  constructor(
    dir: string,
    private readonly nodes: ReadonlySet<string>,
    meta: Readonly<Record<string, string | number>>,
  ) {
    this.file = new ChunkedFile(join(dir, CHROME_TRACE_FILE));
    this.file.push(`{"displayTimeUnit":"ms","otherData":${JSON.stringify(meta)},"traceEvents":[\n`);
  }

  private emit(event: Record<string, unknown>): void {
    this.file.push(`${this.first ? '' : ',\n'}${JSON.stringify(event)}`);
    this.first = false;
  }

  private track(mode: string): ModeTrack {
    let t = this.modes.get(mode);
    if (!t) {
      t = { pid: this.modes.size + 1, tids: new Map(), open: new Map(), last: 0 };
      this.modes.set(mode, t);
      this.emit({ name: 'process_name', ph: 'M', pid: t.pid, tid: 0, args: { name: mode } });
      this.emit({ name: 'process_sort_index', ph: 'M', pid: t.pid, tid: 0, args: { sort_index: t.pid } });
    }
    return t;
  }

  private tid(t: ModeTrack, lane: string): number {
    let id = t.tids.get(lane);
    if (id === undefined) {
      id = t.tids.size + 1;
      t.tids.set(lane, id);
      this.emit({ name: 'thread_name', ph: 'M', pid: t.pid, tid: id, args: { name: lane } });
    }
    return id;
  }

  write(mode: string, e: TraceEvent): void {
    const t = this.track(mode);
    const node = e.entity.split('/')[0]!;
    const tid = this.tid(t, this.nodes.has(node) ? node : e.kind);
    t.last = e.time;
    const life = LIFE.exec(e.kind);
    const cat = life ? life[1]! : e.kind;
    this.emit({ name: e.kind, cat, ph: 'i', s: 't', ts: e.time, pid: t.pid, tid, args: e.detail === undefined ? { entity: e.entity } : { entity: e.entity, detail: e.detail } });
    if (life && typeof e.detail === 'number') {
      const key = `${life[1]}:${e.detail}`;
      if (life[2] === 'start') {
        const name = `${life[1]} ${e.entity} pid ${e.detail}`;
        t.open.set(key, { name, cat: life[1]!, tid });
        this.emit({ name, cat: life[1], ph: 'b', id: key, ts: e.time, pid: t.pid, tid });
      } else {
        const open = t.open.get(key);
        if (open) {
          this.emit({ name: open.name, cat: open.cat, ph: 'e', id: key, ts: e.time, pid: t.pid, tid: open.tid, args: { end: life[2] } });
          t.open.delete(key);
        }
      }
    }
  }

  close(): void {
    // Processes still running at the end of a mode's run end there.
    for (const t of this.modes.values()) {
      for (const [key, open] of t.open) this.emit({ name: open.name, cat: open.cat, ph: 'e', id: key, ts: t.last, pid: t.pid, tid: open.tid, args: { end: 'end of run' } });
      t.open.clear();
    }
    this.file.push('\n]}\n');
    this.file.close();
  }
}

/** Every requested writer behind one sink. */
export function traceSinks(sinks: readonly TraceSink[]): TraceSink {
  return {
    write: (mode, e) => {
      for (const s of sinks) s.write(mode, e);
    },
    close: () => {
      for (const s of sinks) s.close();
    },
  };
}
