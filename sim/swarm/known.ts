/**
 * The known-failures list (`--known FILE`): model defects found and not fixed yet, each with the
 * failure signatures it produces. A failing case whose signature is listed is reported as `known`
 * (neither a pass nor a failure: the exit code ignores it); any other failure is unknown and fails
 * the batch. As fixes land, their entries are removed; an entry that no case of a batch hit is
 * reported, so a stale one is noticed.
 *
 * ```yaml
 * defects:
 *   - id: 1
 *     title: legacy volume set on a distribute volume crashes
 *     signatures:
 *       - 'crash: no replicate or disperse volume given: the legacy shd has no graph to load'
 *     modes: [legacy]          # optional: only failures in these modes match
 *     fixture: defect-1-legacy-set-on-distribute.yaml   # optional: its shrunk reproducer
 * ```
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { UserError } from '../errors.js';
import { MODES, type Mode } from '../scenario/ast.js';

export interface KnownDefect {
  readonly id: string;
  readonly title: string;
  readonly signatures: readonly string[];
  readonly modes: readonly Mode[];
  /** The defect's shrunk reproducer (a file name), when it has one. */
  readonly fixture?: string;
}

export function readKnownFile(file: string): KnownDefect[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the known-failures list: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, file);
  }
  return parseKnown(file, text);
}

export function parseKnown(file: string, text: string): KnownDefect[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const pos = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const at = (node: Node | null | undefined): string => pos(node?.range?.[0] ?? 0);
  const syntax = doc.errors[0];
  if (syntax) throw new UserError(`YAML: ${syntax.message.split('\n')[0]}`, pos(syntax.pos[0]));
  const root = doc.contents as Node | null;
  const defects = isMap(root) ? (root.get('defects', true) as Node | undefined) : undefined;
  if (!isSeq(defects)) throw new UserError("expected a mapping with 'defects:', a list of {id, title, signatures, modes}", at(root));
  const out: KnownDefect[] = [];
  for (const item of defects.items as Node[]) {
    if (!isMap(item)) throw new UserError('a defect must be a mapping {id, title, signatures, modes}', at(item));
    for (const pair of item.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!['id', 'title', 'signatures', 'modes', 'fixture'].includes(k)) throw new UserError(`unknown key '${k}' in a defect (expected id, title, signatures, modes, fixture)`, at(pair.key as Node));
    }
    const id = item.get('id');
    const title = item.get('title');
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') throw new UserError("a defect needs an 'id'", at(item));
    const sigNode = item.get('signatures', true) as Node | undefined;
    const signatures = isSeq(sigNode) ? (sigNode.items as Node[]).map((s) => (isScalar(s) && typeof s.value === 'string' ? s.value : null)) : null;
    if (signatures === null || signatures.length === 0 || signatures.includes(null)) throw new UserError(`defect ${id}: 'signatures' must be a list of signature strings`, at(sigNode ?? item));
    const modesNode = item.get('modes', true) as Node | undefined;
    let modes: Mode[] = [...MODES];
    if (modesNode !== undefined) {
      const ms = isSeq(modesNode) ? (modesNode.items as Node[]).map((m) => (isScalar(m) ? String(m.value) : '')) : [];
      if (ms.length === 0 || ms.some((m) => !(MODES as readonly string[]).includes(m))) throw new UserError(`defect ${id}: 'modes' must be a list of ${MODES.join(', ')}`, at(modesNode));
      modes = ms as Mode[];
    }
    const fixture = item.get('fixture');
    if (fixture !== undefined && typeof fixture !== 'string') throw new UserError(`defect ${id}: 'fixture' must be a file name`, at(item));
    out.push({ id: String(id), title: typeof title === 'string' ? title : '', signatures: signatures as string[], modes, ...(fixture !== undefined && { fixture }) });
  }
  return out;
}

/** The first defect listing `signature` for `mode`, if any. */
export function matchKnown(known: readonly KnownDefect[], signature: string, mode: Mode): KnownDefect | undefined {
  return known.find((d) => d.modes.includes(mode) && d.signatures.includes(signature));
}
