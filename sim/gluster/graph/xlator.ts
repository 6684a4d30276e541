/**
 * A translator (xlator) as GlusterFS's graph builder holds it: a named, typed node with its options
 * and its links. Options keep insertion order, which for a parsed volfile is file order: the
 * "Final graph" dump and the volfile writer print them in that order.
 */
export class Xlator {
  readonly options: Map<string, string>;
  /** Subvolumes, in the order of the `subvolumes` line. */
  readonly children: Xlator[] = [];
  /** Xlators that list this one as a subvolume. */
  readonly parents: Xlator[] = [];
  /**
   * GlusterFS keeps every xlator of a graph on one linear list besides the tree (`first`/`next`), and
   * lookups by name (`xlator_search_by_name`) walk that list. A parsed graph's list runs from the top
   * (last volume in the file) toward the first volume defined; a multiplexed shd splices each
   * attached volume's list into its parent graph's list (see parent-graph.ts).
   */
  next?: Xlator;
  prev?: Xlator;

  /** `options` is taken over, not copied (the parser hands over the map it filled). */
  constructor(
    readonly name: string,
    readonly type: string,
    options?: Map<string, string>,
  ) {
    this.options = options ?? new Map<string, string>();
  }

  /** Makes `child` the next subvolume of this xlator (GlusterFS's `glusterfs_xlator_link`). */
  link(child: Xlator): void {
    this.children.push(child);
    child.parents.push(this);
  }

  /** Undoes one `link` (GlusterFS's unlink of a detached volume from the shd's parent graph). */
  unlink(child: Xlator): boolean {
    const c = this.children.indexOf(child);
    if (c < 0) return false;
    this.children.splice(c, 1);
    const p = child.parents.indexOf(this);
    if (p >= 0) child.parents.splice(p, 1);
    return true;
  }
}
