/**
 * "Did you mean …?" for a mistyped name (a command, a flag, a step, an observable, a param): the
 * closest candidates by edit distance (Damerau–Levenshtein with adjacent transpositions, so `rnu` is
 * one edit from `run`), within a third of the word's length (at least 1, at most 3 edits). No
 * library needed for twenty lines; no locale or randomness involved.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/**
 * The candidates close enough to `word`, closest first (ties in the order given). Two names that
 * differ only in their numbers (h4 and h1, c12 and c2) are different things, not a typo: no
 * suggestion. Neither when more than two candidates are equally close: a guess would be a coin toss.
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.min(max, Math.max(1, Math.floor(w.length / 3)));
  const skeleton = (s: string) => s.replace(/\d+/g, '#');
  const scored = candidates
    .map((c, i) => ({ c, i, d: c.toLowerCase() === w ? 0 : editDistance(w, c.toLowerCase()) }))
    .filter((x) => skeleton(x.c.toLowerCase()) !== skeleton(w) || x.d === 0)
    .filter((x) => x.d <= limit || (x.c.toLowerCase().startsWith(w) && w.length >= 3));
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  if (scored.length > 2 && scored[2]!.d === scored[0]!.d) return [];
  return [...new Set(scored.map((x) => x.c))];
}

/** `did you mean 'run'?` / `did you mean 'h1' or 'h2'?`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[], quote = (s: string) => `'${s}'`): string {
  const found = closest(word, candidates).slice(0, 2);
  if (found.length === 0) return '';
  return `did you mean ${found.map(quote).join(' or ')}?`;
}

/** `; did you mean 'run'?` to append to a message, or ''. */
export function hint(word: string, candidates: readonly string[]): string {
  const h = didYouMean(word, candidates);
  return h ? `; ${h}` : '';
}
