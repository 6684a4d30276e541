/**
 * What the loader knows while it reads the steps in order: the cluster's hosts, the mounts made so
 * far and the `let` variables set so far, each per mode (a step restricted with `modes:` only
 * mounts or sets in those modes), so a later step that needs them is checked before anything runs.
 */
import { MODES, type Mode, type SourcePos } from './ast.js';
import type { ExprEnv } from './expr-parse.js';
import type { Checker } from './lexicon.js';
import type { Problems } from './problems.js';

export class LoadContext implements Checker {
  readonly nodes: ReadonlySet<string>;
  private readonly lets = new Map<string, Set<Mode>>();
  private readonly mounts = new Map<string, Set<Mode>>();

  constructor(
    readonly problems: Problems,
    readonly nodeList: readonly string[],
  ) {
    this.nodes = new Set(nodeList);
  }

  defineLet(name: string, modes: readonly Mode[]): void {
    add(this.lets, name, modes);
  }

  defineMount(mountpoint: string, modes: readonly Mode[]): void {
    add(this.mounts, mountpoint, modes);
  }

  /** Mountpoints mounted by an earlier step in every one of `modes`. */
  mountsIn(modes: readonly Mode[]): string[] {
    return [...this.mounts].filter(([, m]) => modes.every((x) => m.has(x))).map(([mp]) => mp);
  }

  /** Modes of `modes` in which `mountpoint` was mounted by no earlier step. */
  unmountedIn(mountpoint: string, modes: readonly Mode[]): Mode[] {
    const m = this.mounts.get(mountpoint);
    return modes.filter((x) => !m?.has(x));
  }

  /** The expression environment of a step that runs in `modes`. */
  exprEnv(modes: readonly Mode[]): ExprEnv {
    return {
      problems: this.problems,
      nodes: this.nodes,
      nodeList: this.nodeList,
      checkVar: (name: string, pos: SourcePos) => {
        const defined = this.lets.get(name);
        const missing = modes.filter((m) => !defined?.has(m));
        if (missing.length === 0) return;
        if (defined === undefined || defined.size === 0) {
          const known = [...this.lets.keys()].map((n) => `$${n}`);
          this.problems.add(pos, `$${name} is not set by an earlier let step`, known.length ? `one of ${known.join(', ')}` : "a variable set by an earlier 'let NAME = …' step");
        } else {
          this.problems.add(pos, `$${name} is only set in mode ${[...defined].join(', ')}, but this step also runs in ${missing.join(', ')}`, `modes: [${MODES.filter((m) => defined.has(m)).join(', ')}] on this step`);
        }
      },
    };
  }
}

function add(map: Map<string, Set<Mode>>, key: string, modes: readonly Mode[]): void {
  const set = map.get(key) ?? new Set<Mode>();
  for (const m of modes) set.add(m);
  map.set(key, set);
}
