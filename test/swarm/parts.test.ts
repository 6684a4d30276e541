/** The swarm's small parts: liveness steps, failure signatures, step simplifications, the known list. */
import { InvariantError, SimulationError } from '../../sim/engine/simulation.js';
import { UserError } from '../../sim/errors.js';
import { matchKnown, parseKnown } from '../../sim/swarm/known.js';
import { HEAL_BOUND, livenessSteps } from '../../sim/swarm/liveness.js';
import { caseName, renderCase, yamlStep } from '../../sim/swarm/scenario-text.js';
import { simplifications } from '../../sim/swarm/shrinker.js';
import { classifyError, generic, livenessSignature } from '../../sim/swarm/signature.js';

describe('livenessSteps', () => {
  test('everything back, every volume started, heals drained, no cleanup left', () => {
    const steps = livenessSteps({
      nodes: [
        { name: 'h1', powered: true, glusterdUp: true },
        { name: 'h2', powered: false, glusterdUp: false },
        { name: 'h3', powered: true, glusterdUp: false },
      ],
      volumes: [
        { name: 'v1', shdCompatible: true, hasOptions: true, bricks: ['h1:/b/1', 'h2:/b/2'] },
        { name: 'd', shdCompatible: false, hasOptions: false, bricks: ['h3:/b/d'] },
      ],
      longestDown: 90_500_000,
    });
    expect(steps).toEqual([
      'wait 96s',
      'start-glusterd h2',
      'start-glusterd h3',
      'expect glusterd_up(h1) == 1 within 1m',
      'expect glusterd_up(h2) == 1 within 1m',
      'expect glusterd_up(h3) == 1 within 1m',
      'gluster volume start v1 force',
      'gluster volume reset v1',
      'gluster volume start d force',
      'expect brick_up(h1:/b/1) + brick_up(h2:/b/2) == 2 within 1m',
      'expect brick_up(h3:/b/d) == 1 within 1m',
      `expect pending_heals(v1) == 0 within ${HEAL_BOUND}`,
      'expect cleanup_threads(h1) == 0 within 1m',
      'expect cleanup_threads(h2) == 0 within 1m',
      'expect cleanup_threads(h3) == 0 within 1m',
    ]);
  });

  test('nothing to bring back: only the expectations', () => {
    const steps = livenessSteps({ nodes: [{ name: 'h1', powered: true, glusterdUp: true }], volumes: [], longestDown: 0 });
    expect(steps).toEqual(['expect glusterd_up(h1) == 1 within 1m', 'expect cleanup_threads(h1) == 0 within 1m']);
  });
});

describe('signatures', () => {
  test('generic: numbers, volumes, hosts and brick paths', () => {
    expect(generic('shd/v12 is already attached to h3:/bricks/v12-7 after 450ms')).toBe('shd/V is already attached to H:/bricks/B after Nms');
  });

  test('an invariant: its name and the kind of event after which it broke', () => {
    const e = new InvariantError('invariant "x" violated after event #12 (process glusterd 1008 init) at t=1s (1000000us): two; reproduce with --seed 3', 'x', 1_000_000, 3);
    expect(classifyError(e)).toEqual({ signature: 'invariant: x after glusterd N init', message: e.message });
    const cli = new InvariantError('invariant "y" violated after event #9 (process cli: gluster volume stop v2 force) at t=1s (1us): z', 'y', 1, 3);
    expect(classifyError(cli).signature).toBe('invariant: y after cli');
  });

  test('a crash: the message without its position and process, made generic', () => {
    const e = new Error('process commit volume-set on h1 failed at t=423700us: no replicate or disperse volume given: the legacy shd has no graph to load');
    expect(classifyError(e).signature).toBe('crash: no replicate or disperse volume given: the legacy shd has no graph to load');
    expect(classifyError(new Error('s.yaml:5:3: model bug: \'gluster volume start v1\' was never answered (the simulation stopped: idle, at t=1s)')).signature).toBe('hang: command never answered');
    expect(classifyError(new SimulationError('event limit of 50 reached at t=1s (last event: x); the model may be looping — reproduce with --seed 1', 1_000_000, 1)).signature).toBe('hang: event limit');
  });

  test('liveness: named after what the expectation observes', () => {
    expect(livenessSignature('expect pending_heals(v1) == 0 within 20m')).toBe('liveness: heals pending');
    expect(livenessSignature('expect brick_up(h1:/b) == 1 within 1m')).toBe('liveness: bricks down');
    expect(livenessSignature('expect glusterd_up(h1) == 1 within 1m')).toBe('liveness: glusterd down');
    expect(livenessSignature('expect cleanup_threads(h2) == 0 within 1m')).toBe('liveness: graph cleanup never ends');
    expect(livenessSignature('expect shd_count(h2) == 1')).toBe('liveness: expect shd_count(H) == N');
  });
});

describe('simplifications', () => {
  test('halved waits, counts, downtimes and durations; one set fewer; one brick fewer', () => {
    expect(simplifications('wait 10s')).toEqual(['wait 5000ms']);
    expect(simplifications('wait 15ms')).toEqual([]);
    expect(simplifications('reboot h1 down 2m')).toEqual(['reboot h1 down 60000ms']);
    expect(simplifications('touch /mnt/v1-1/t3-{1..30}')).toEqual(['touch /mnt/v1-1/t3-{1..15}']);
    expect(simplifications('write /mnt/a files=9 size=4KiB..1MiB rate=5/s for=1m')).toEqual([
      'write /mnt/a files=9 size=4KiB..1MiB rate=5/s for=30000ms',
      'write /mnt/a files=4 size=4KiB..1MiB rate=5/s for=1m',
      'write /mnt/a files=9 size=4KiB rate=5/s for=1m',
      'write /mnt/a files=9 size=4KiB..1MiB for=1m',
    ]);
    expect(simplifications('gluster volume create v1 replica 2 h1:/b/1 h2:/b/2 h1:/b/3 h2:/b/4 force')).toEqual(['gluster volume create v1 replica 2 h1:/b/1 h2:/b/2 force']);
    expect(simplifications('gluster volume create v1 disperse 3 redundancy 1 h1:/b/1 h2:/b/2 h3:/b/3')).toEqual([]);
    expect(simplifications('gluster volume create d h1:/b/1 h2:/b/2')).toEqual(['gluster volume create d h1:/b/1']);
    expect(simplifications('kill-brick h1:/a h2:/b')).toEqual(['kill-brick h2:/b', 'kill-brick h1:/a']);
  });
});

describe('scenario text', () => {
  test('steps are plain YAML when safe, quoted otherwise; the liveness after its comment', () => {
    expect(yamlStep('wait 1s')).toBe('wait 1s');
    expect(yamlStep('expect a: b')).toBe('"expect a: b"');
    expect(yamlStep('touch /mnt/x #1')).toBe('"touch /mnt/x #1"');
    const t = renderCase({ seed: 5, header: ['seed 5', ''], nodes: ['h1'], model: { faults: ['attach-dead-process'], detach: 'drain' }, body: ['wait 1s'], liveness: ['wait 2s'] });
    expect(caseName(5)).toBe('swarm-5');
    expect(t).toBe(
      '# seed 5\n#\nname: swarm-5\ndescription: Generated by shdsim swarm from seed 5.\ncluster:\n  nodes: [h1]\nmodel:\n  faults: [attach-dead-process]\n  detach: drain\nsteps:\n  - wait 1s\n  # liveness: every process back, every volume started, every heal drained\n  - wait 2s\n',
    );
  });
});

describe('the known-failures list', () => {
  const text = "defects:\n  - id: 1\n    title: one\n    signatures:\n      - 'crash: x'\n    modes: [legacy]\n  - id: 2b\n    signatures: ['invariant: y']\n";

  test('matches a signature in the listed modes only', () => {
    const known = parseKnown('k.yaml', text);
    expect(known.map((k) => k.id)).toEqual(['1', '2b']);
    expect(matchKnown(known, 'crash: x', 'legacy')?.id).toBe('1');
    expect(matchKnown(known, 'crash: x', 'mux')).toBeUndefined();
    expect(matchKnown(known, 'invariant: y', 'mux')?.id).toBe('2b');
    expect(matchKnown(known, 'invariant: y (more)', 'mux')).toBeUndefined();
  });

  test('a malformed list is bad input with its position', () => {
    const err = (t: string) => {
      try {
        parseKnown('k.yaml', t);
      } catch (e) {
        return (e as UserError).report;
      }
      return 'loaded';
    };
    expect(err('defects: 3\n')).toBe("k.yaml:1:1: expected a mapping with 'defects:', a list of {id, title, signatures, modes}");
    expect(err('defects:\n  - id: 1\n    signature: [x]\n')).toBe("k.yaml:3:5: unknown key 'signature' in a defect (expected id, title, signatures, modes, fixture)");
    expect(err('defects:\n  - id: 1\n    signatures: []\n')).toBe("k.yaml:3:17: defect 1: 'signatures' must be a list of signature strings");
    expect(err('defects:\n  - id: 1\n    signatures: [a]\n    modes: [both]\n')).toBe("k.yaml:4:12: defect 1: 'modes' must be a list of legacy, mux");
    expect(err('defects: [\n')).toMatch(/^k\.yaml:2:1: YAML: /);
  });
});
