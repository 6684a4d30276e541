/**
 * Positions in a scenario file. Every error names `FILE:LINE:COL`, so every piece of text the loader
 * handles carries a way back to where it was written: a node's start, or, for a one-line scalar,
 * the exact column of each character of its value.
 */
import { isScalar, Scalar, type LineCounter, type Node } from 'yaml';
import type { SourcePos } from './ast.js';

/** `file:line:col`, the form every positioned error uses. */
export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}

/** `file:line`, the form expectation reports use. */
export function formatLine(pos: SourcePos): string {
  return `${pos.file}:${pos.line}`;
}

/** Turns byte offsets of one YAML source into positions. */
export class SourceMap {
  constructor(
    readonly file: string,
    readonly text: string,
    private readonly lines: LineCounter,
  ) {}

  at(offset: number): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /** Where a node starts (its first character, after any tag or anchor). */
  ofNode(node: Node | null | undefined): SourcePos {
    return this.at(node?.range?.[0] ?? 0);
  }

  /**
   * The position of each character of a scalar's value. Exact when the value is written on one line
   * and byte for byte as it reads (plain, or quoted without escapes); otherwise every index maps to
   * the scalar's start, which is still the right line for a one-line scalar.
   */
  charMapper(node: Node): (index: number) => SourcePos {
    const start = node.range?.[0] ?? 0;
    const end = node.range?.[1] ?? start;
    const fallback = () => this.at(start);
    if (!isScalar(node) || typeof node.value !== 'string') return fallback;
    const raw = this.text.slice(start, end);
    if (raw.includes('\n')) return fallback;
    let offset: number | null = null;
    if (node.type === Scalar.PLAIN && raw === node.value) offset = start;
    else if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && raw.slice(1, -1) === node.value) offset = start + 1;
    if (offset === null) return fallback;
    const base = offset;
    const length = node.value.length;
    return (index) => this.at(base + Math.max(0, Math.min(index, length)));
  }
}
