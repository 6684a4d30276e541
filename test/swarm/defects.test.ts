/**
 * The shrunk reproducer of every model defect the swarm found (issue 17), replayed with the swarm's
 * checks. While a defect is on the known-failures list its reproducer must still fail with one of the
 * listed signatures (so the list is honest); once its entry is removed — the fix landed — it must
 * pass, which makes each reproducer the defect's regression test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode } from '../../sim/scenario/ast.js';
import { readKnownFile } from '../../sim/swarm/known.js';
import { DEFAULT_LIMITS, replayText } from '../../sim/swarm/runner.js';
import { ROOT } from '../sweep/helpers.js';

const DIR = join(ROOT, 'test/fixtures/swarm');
const known = readKnownFile(join(DIR, 'known-failures.yaml'));
const fixtures = readdirSync(DIR).filter((f) => /^defect-.*\.yaml$/.test(f)).sort();

/** `# Found by shdsim swarm: seed S, mode M` in the fixture's header. */
function seedAndMode(text: string): { seed: number; mode: Mode } {
  const m = /^# Found by shdsim swarm: seed (\d+), mode (legacy|mux)\b/m.exec(text);
  if (!m) throw new Error('no "# Found by shdsim swarm: seed S, mode M" line');
  return { seed: Number(m[1]), mode: m[2] as Mode };
}

test('every known defect names its reproducer, defect-<id>-….yaml, which exists', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(10);
  for (const k of known) {
    expect(k.fixture).toMatch(new RegExp(`^defect-${k.id}-`));
    expect(fixtures).toContain(k.fixture);
  }
});

describe.each(fixtures)('%s', (file) => {
  test('fails as listed while known; passes once its entry is removed', () => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const { seed, mode } = seedAndMode(text);
    const id = /^defect-([^-]+)-/.exec(file)![1]!;
    const entry = known.find((k) => k.id === id);
    const outcome = replayText(file, text, seed, mode, { ...DEFAULT_LIMITS, timeLimitMs: 0 });
    if (entry) {
      expect(entry.modes).toContain(mode);
      expect(entry.signatures).toContain(outcome.failure?.signature);
    } else {
      expect(outcome.failure).toBeNull();
    }
  }, 120_000);
});
