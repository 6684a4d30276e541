/**
 * Bounds on what a scenario may ask of the loader. Each is far beyond any real scenario and keeps bad
 * input — a generated file gone wrong, a typo such as `repeat: 1e9` — an error with a position
 * (exit 2) instead of a stack overflow, minutes of CPU or gigabytes of memory.
 */

/** Nesting of parentheses, unary minus, braces or repeats: a recursive reader never goes deeper. */
export const MAX_NESTING = 100;

/** Steps of a scenario once every repeat is unrolled (the library's largest has ~1,000). */
export const MAX_STEPS = 200_000;

/** A long piece of input as it is quoted in a message: its start, and how long it was. */
export function excerpt(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
