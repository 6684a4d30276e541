/**
 * Deterministic text mutations for the parser fuzz test: each draws from a named random stream, so a
 * failing case is reproduced by its index alone. The operators aim where parsers break: structure
 * characters, deep nesting, huge repetition, huge numbers, cut and spliced lines.
 */
import { RandomStream } from '../../sim/engine/random.js';

const SYNTAX = ['{', '}', '[', ']', '(', ')', ',', ':', ': ', '$', '${', '#', '"', "'", '-', '- ', '\n', '\n  ', ' ', '\t', '*', '&', '!', '|', '>', '%', '@', '..', '=', '\\', '\u0000', 'é', '\r\n'];
const WORDS = ['repeat: ', 'steps:', 'modes: [mux]', 'every: 1s', 'as: i', '${i}', '{1..100}', '1e9', '99999999999999999999', '-1', '0', 'volume', 'end-volume', 'subvolumes', 'option', 'type', 'gluster volume', 'expect', 'within', 'h1:/b', 'NaN', '~', 'null', '<<: *a', '&a'];
const HUGE = ['1000000000', '1e9', '99999999999999999999', '4294967296', '9007199254740993', '-5', '0.5'];

export interface Mutation {
  readonly text: string;
  /** What was done, for the failure message. */
  readonly what: string;
}

export function mutate(source: string, rng: RandomStream, donors: readonly string[]): Mutation {
  let text = source;
  const steps: string[] = [];
  const rounds = rng.int(1, 3);
  for (let r = 0; r < rounds; r++) {
    const op = rng.int(0, 9);
    const at = rng.int(0, text.length);
    switch (op) {
      case 0: {
        const len = rng.int(1, 40);
        text = text.slice(0, at) + text.slice(at + len);
        steps.push(`delete ${len} at ${at}`);
        break;
      }
      case 1: {
        const s = rng.choice(SYNTAX);
        text = text.slice(0, at) + s + text.slice(at);
        steps.push(`insert ${JSON.stringify(s)} at ${at}`);
        break;
      }
      case 2: {
        const w = rng.choice(WORDS);
        text = text.slice(0, at) + w + text.slice(at);
        steps.push(`insert ${JSON.stringify(w)} at ${at}`);
        break;
      }
      case 3: {
        // Deep nesting or long runs of one structure character.
        const s = rng.choice(['{', '[', '(', '{a,', '- ', '  ', '${(', '-', '[{', 'repeat: 2\n  steps:\n  - ']);
        // Long runs of one character; multi-line chunks fewer times (the YAML library itself takes
        // ~150 µs per nested block, so 20,000 of them would test the library, not our parsers).
        const n = s.length <= 3 ? rng.choice([100, 1000, 20_000]) : rng.choice([10, 100, 2000]);
        text = text.slice(0, at) + s.repeat(n) + text.slice(at);
        steps.push(`insert ${JSON.stringify(s)} x${n} at ${at}`);
        break;
      }
      case 4: {
        const m = /\d+/g;
        const nums = [...text.matchAll(m)];
        if (nums.length === 0) break;
        const pick = rng.choice(nums);
        const h = rng.choice(HUGE);
        text = text.slice(0, pick.index) + h + text.slice(pick.index + pick[0].length);
        steps.push(`number at ${pick.index} -> ${h}`);
        break;
      }
      case 5: {
        const lines = text.split('\n');
        const i = rng.int(0, lines.length - 1);
        const j = rng.int(0, lines.length - 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        text = lines.join('\n');
        steps.push(`swap lines ${i + 1} and ${j + 1}`);
        break;
      }
      case 6: {
        const len = rng.int(1, 200);
        const chunk = text.slice(at, at + len);
        const n = rng.choice([2, 10, 500]);
        text = text.slice(0, at) + chunk.repeat(n) + text.slice(at);
        steps.push(`repeat ${len} chars at ${at} x${n}`);
        break;
      }
      case 7: {
        text = text.slice(0, at);
        steps.push(`truncate at ${at}`);
        break;
      }
      case 8: {
        const donor = rng.choice(donors).split('\n');
        const i = rng.int(0, donor.length - 1);
        const k = rng.int(1, 8);
        const lines = text.split('\n');
        const where = rng.int(0, lines.length);
        lines.splice(where, 0, ...donor.slice(i, i + k));
        text = lines.join('\n');
        steps.push(`splice ${k} donor lines at line ${where + 1}`);
        break;
      }
      default: {
        const lines = text.split('\n');
        const i = rng.int(0, lines.length - 1);
        lines[i] = rng.bernoulli(0.5) ? `  ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
        text = lines.join('\n');
        steps.push(`reindent line ${i + 1}`);
      }
    }
  }
  return { text, what: steps.join('; ') };
}
