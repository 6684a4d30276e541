/**
 * How one value becomes one CSV cell and back. Every column of every output file has one of these
 * cell types, so the precision rules live in one place:
 *
 * - `seconds`: 6 decimals (the model's clock is in microseconds, so nothing is lost);
 * - `mib`: 3 decimals (1 KiB ≈ 0.001 MiB);
 * - `int`: an integer written as one, never with a decimal point or exponent;
 * - `bool`: `true` / `false`;
 * - `string` / `enum`: as is (csv-stringify quotes when needed);
 * - a nullable number writes `null` as an empty cell.
 *
 * `toFixed` and `String` are locale-independent, so cells are the same bytes on every machine.
 */

export type CellType =
  | { readonly kind: 'string' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'int'; readonly nullable?: boolean }
  | { readonly kind: 'seconds'; readonly nullable?: boolean }
  | { readonly kind: 'mib'; readonly nullable?: boolean }
  | { readonly kind: 'bool' };

export const STRING: CellType = { kind: 'string' };
export const INT: CellType = { kind: 'int' };
export const SECONDS: CellType = { kind: 'seconds' };
export const SECONDS_OR_NULL: CellType = { kind: 'seconds', nullable: true };
export const MIB: CellType = { kind: 'mib' };
export const BOOL: CellType = { kind: 'bool' };
export const oneOf = (...values: string[]): CellType => ({ kind: 'enum', values });

/** Decimals written for each fixed-precision kind. */
export const DECIMALS = { seconds: 6, mib: 3 } as const;

/**
 * Encodes a value. A value that breaks its column's type (a fraction in an integer column, NaN, a
 * string where a number belongs) is a bug in whoever filled the RunResult: it throws rather than
 * writing a file that cannot be read back.
 */
export function encodeCell(value: unknown, type: CellType, column: string): string {
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`column ${column}: expected a string, got ${show(value)}`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) {
        throw new TypeError(`column ${column}: expected one of ${type.values.join(', ')}, got ${show(value)}`);
      }
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new TypeError(`column ${column}: expected a boolean, got ${show(value)}`);
      return value ? 'true' : 'false';
    case 'int':
    case 'seconds':
    case 'mib': {
      if (value === null && type.nullable) return '';
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new TypeError(`column ${column}: expected a finite number, got ${show(value)}`);
      }
      if (type.kind === 'int') {
        if (!Number.isSafeInteger(value)) throw new TypeError(`column ${column}: expected an integer, got ${value}`);
        return String(value === 0 ? 0 : value); // never "-0"
      }
      return fixed(value, DECIMALS[type.kind]);
    }
  }
}

/** `toFixed`, without the "-0.000" that a tiny negative value rounds to. */
export function fixed(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

const INT_RE = /^-?\d+$/;
const DECIMAL_RE = /^-?\d+(?:\.\d+)?$/;

/** Decodes a cell; returns an error text (what is wrong with it) instead of throwing. */
export function decodeCell(text: string, type: CellType): { value: unknown } | { error: string } {
  switch (type.kind) {
    case 'string':
      return { value: text };
    case 'enum':
      return type.values.includes(text)
        ? { value: text }
        : { error: `${quote(text)} is not one of ${type.values.join(', ')}` };
    case 'bool':
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: `${quote(text)} is not true or false` };
    case 'int':
    case 'seconds':
    case 'mib': {
      if (text === '') return type.nullable ? { value: null } : { error: 'empty, expected a number' };
      if (type.kind === 'int') {
        const n = Number(text);
        return INT_RE.test(text) && Number.isSafeInteger(n) ? { value: n } : { error: `${quote(text)} is not an integer` };
      }
      return DECIMAL_RE.test(text) ? { value: Number(text) } : { error: `${quote(text)} is not a decimal number` };
    }
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
