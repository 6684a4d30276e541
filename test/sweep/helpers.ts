/** Shared by the sweep tests: the command line in-process, a small scenario, a directory's files. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureIo } from '../../sim/cli/io.js';
import { main } from '../../sim/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** ~50 ms a run: a client writing while a brick is down, then volumes created one by one. */
export const SCENARIO = 'test/fixtures/sweep/churn-small.yaml';

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  // Each write is a line, as on the process streams (which add the line end).
  const text = (chunks: string[]) => chunks.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('');
  return { code, out: text(io.stdout), err: text(io.stderr) };
}

/** Every file under `dir` (recursively), by relative path, with its bytes as text. */
export function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}
