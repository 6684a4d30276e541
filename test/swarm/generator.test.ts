/**
 * The generator: deterministic per seed, always valid scenario language, covering every layout and
 * every kind of step over a few hundred seeds, with the mix drawn per seed.
 */
import { loadScenarioText } from '../../sim/scenario/load.js';
import { generateScenario } from '../../sim/swarm/generator.js';
import { drawClass, drawMix, STEP_CLASSES } from '../../sim/swarm/mix.js';
import { renderCase } from '../../sim/swarm/scenario-text.js';
import { RandomStream } from '../../sim/engine/random.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const generated = SEEDS.map((seed) => generateScenario(seed));

function text(seed: number, faults: Parameters<typeof generateScenario>[1] = []): string {
  const g = generateScenario(seed, faults);
  return renderCase({ seed, header: [], nodes: g.nodes, model: g.model, body: g.body, liveness: [] });
}

describe('generateScenario', () => {
  test('the same seed gives the same scenario; another seed another', () => {
    expect(text(42)).toBe(text(42));
    expect(text(42)).not.toBe(text(43));
  });

  test('every generated scenario loads (valid scenario language), on 1 to 5 nodes', () => {
    for (const seed of SEEDS.slice(0, 120)) {
      const t = text(seed);
      const s = loadScenarioText(`swarm-${seed}.yaml`, t);
      expect(s.name).toBe(`swarm-${seed}`);
      expect(s.nodes.length).toBeGreaterThanOrEqual(1);
      expect(s.nodes.length).toBeLessThanOrEqual(5);
      expect(s.steps.length).toBe(generateScenario(seed).body.length);
    }
  });

  test('every layout and every kind of step occurs over 300 seeds', () => {
    const all = generated.flatMap((g) => g.body);
    const has = (re: RegExp) => all.some((s) => re.test(s));
    const patterns: Record<string, RegExp> = {
      distribute: /^gluster volume create \S+ h\d:\//,
      'replica 2': /^gluster volume create \S+ replica 2 /,
      'replica 3': /^gluster volume create \S+ replica 3 h/,
      arbiter: /^gluster volume create \S+ replica 3 arbiter 1 /,
      disperse: /^gluster volume create \S+ disperse \d+ redundancy \d /,
      'disperse, default redundancy': /^gluster volume create \S+ disperse \d h/,
      'distributed replicate': /^gluster volume create \S+ replica 2 (\S+ ){4}/,
      'bricks sharing a host with force': /^gluster volume create .* force$/,
      start: /^gluster volume start \S+$/,
      'start force': /^gluster volume start \S+ force$/,
      stop: /^gluster volume stop \S+$/,
      'stop force': /^gluster volume stop \S+ force$/,
      delete: /^gluster volume delete /,
      'add-brick': /^gluster volume add-brick \S+ h/,
      'add-brick raising the replica count': /^gluster volume add-brick \S+ replica \d /,
      'add-brick to an arbiter': /^gluster volume add-brick \S+ replica 3 arbiter 1 /,
      'remove-brick of a set': /^gluster volume remove-brick \S+ h.* force$/,
      'remove-brick lowering the replica count': /^gluster volume remove-brick \S+ replica \d /,
      set: /^gluster volume set \S+ cluster\.heal-timeout \d+$/,
      'set self-heal-daemon off': /^gluster volume set \S+ cluster\.self-heal-daemon off$/,
      'a value glusterd refuses': /^gluster volume set .* not-a-value$/,
      'reset all': /^gluster volume reset \S+$/,
      'reset one key': /^gluster volume reset \S+ \S+$/,
      heal: /^gluster volume heal \S+$/,
      'heal full': /^gluster volume heal \S+ full$/,
      'heal enable': /^gluster volume heal \S+ enable$/,
      'heal disable': /^gluster volume heal \S+ disable$/,
      'kill-brick': /^kill-brick /,
      'kill-glusterd': /^kill-glusterd /,
      'start-glusterd': /^start-glusterd /,
      'kill-node': /^kill-node /,
      reboot: /^reboot h\d$/,
      'reboot with down': /^reboot h\d down /,
      mount: /^mount \S+ \/mnt\/\S+$/,
      'mount on a node': /^mount .* on h\d$/,
      umount: /^umount /,
      touch: /^touch \/mnt\/\S+\{1\.\.\d+\}$/,
      write: /^write \/mnt\/\S+ files=\d+ size=/,
      'write with a rate and a duration': /^write .* rate=\S+ for=\S+$/,
      wait: /^wait \d+(ms|s|m)$/,
    };
    const missing = Object.entries(patterns).filter(([, re]) => !has(re)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  test('the mix is drawn per seed: every profile occurs, and some seeds leave whole classes out', () => {
    const profiles = new Set(generated.map((g) => g.mix.profile));
    expect([...profiles].sort()).toEqual(['churn', 'clients', 'faults', 'mixed', 'options', 'random', 'topology']);
    expect(generated.some((g) => STEP_CLASSES.some((c) => g.mix.weights[c] === 0))).toBe(true);
    const churn = generated.find((g) => g.mix.profile === 'churn')!;
    expect(churn.body.some((s) => /^(kill-|reboot|start-glusterd)/.test(s))).toBe(false); // churn: no faults
  });

  test('GlusterFS 7 faults only when asked, and then only those asked', () => {
    expect(generated.every((g) => g.model.faults === undefined)).toBe(true);
    const withF4 = SEEDS.slice(0, 50).map((seed) => generateScenario(seed, ['attach-before-graph']));
    expect(withF4.some((g) => g.model.faults !== undefined)).toBe(true);
    expect(withF4.every((g) => g.model.faults === undefined || JSON.stringify(g.model.faults) === '["attach-before-graph"]')).toBe(true);
    expect(text(7, ['attach-before-graph'])).toContain('model:\n');
  });

  test('drawClass never draws a class of weight 0', () => {
    const rng = new RandomStream('t');
    const mix = drawMix(new RandomStream('m'), []);
    const weights = { ...mix.weights, lifecycle: 1, topology: 0, options: 0, heal: 0, process: 0, client: 0, wait: 1 };
    const drawn = new Set(Array.from({ length: 500 }, () => drawClass(rng, weights)));
    expect([...drawn].sort()).toEqual(['lifecycle', 'wait']);
  });
});
