import { classifyVolfileChange, optionsDiff, topologyEqual, volfileChecksum } from '../../../sim/gluster/graph/topology.js';
import { graphsEqual } from '../../../sim/gluster/graph/graph.js';
import { generateShdVolfile } from '../../../sim/gluster/volfile/generate.js';
import { parseVolfile, VolfileError } from '../../../sim/gluster/volfile/parse.js';
import type { VolumeLayout } from '../../../sim/gluster/volfile/layout.js';
import { bricks, replicate } from '../volfile/helpers.js';

const r1x3 = replicate('r', 3, bricks(3, (i) => `/b/r${i}`));
const withOptions = (l: VolumeLayout, ...o: [string, string][]): VolumeLayout => ({ ...l, options: new Map(o) });
const gen = generateShdVolfile;

describe('classifying a regenerated volfile', () => {
  test('identical bytes', () => {
    expect(classifyVolfileChange(gen(r1x3), gen(r1x3))).toEqual({ kind: 'identical' });
  });

  test('an option set, changed, reset', () => {
    const a = gen(r1x3);
    const b = gen(withOptions(r1x3, ['cluster.heal-timeout', '30']));
    const c = gen(withOptions(r1x3, ['cluster.heal-timeout', '60'], ['cluster.self-heal-daemon', 'off']));
    expect(classifyVolfileChange(a, b)).toEqual({ kind: 'options-only', changes: [{ xlator: 'r-replicate-0', key: 'heal-timeout', after: '30' }] });
    expect(classifyVolfileChange(b, c)).toEqual({
      kind: 'options-only',
      changes: [
        { xlator: 'r-replicate-0', key: 'self-heal-daemon', before: 'enable', after: 'off' },
        { xlator: 'r-replicate-0', key: 'heal-timeout', before: '30', after: '60' },
      ],
    });
    expect(classifyVolfileChange(c, a)).toEqual({
      kind: 'options-only',
      changes: [
        { xlator: 'r-replicate-0', key: 'self-heal-daemon', before: 'off', after: 'enable' },
        { xlator: 'r-replicate-0', key: 'heal-timeout', before: '60' },
      ],
    });
  });

  test('an option that does not reach the shd graph leaves the volfile identical', () => {
    expect(classifyVolfileChange(gen(r1x3), gen(withOptions(r1x3, ['performance.flush-behind', 'off'])))).toEqual({ kind: 'identical' });
  });

  test('client options change on every client', () => {
    const change = classifyVolfileChange(gen(r1x3), gen(withOptions(r1x3, ['network.ping-timeout', '10'])));
    expect(change).toEqual({
      kind: 'options-only',
      changes: [0, 1, 2].map((i) => ({ xlator: `r-client-${i}`, key: 'ping-timeout', before: '42', after: '10' })),
    });
  });

  test('add-brick (1x3 → 2x3) and a replica count change are topology changes', () => {
    const r2x3 = replicate('r', 3, bricks(6, (i) => `/b/r${i}`));
    expect(classifyVolfileChange(gen(r1x3), gen(r2x3))).toEqual({ kind: 'topology-changed' });
    const r1x2 = replicate('r', 2, bricks(2, (i) => `/b/r${i}`));
    expect(classifyVolfileChange(gen(r1x2), gen(r1x3))).toEqual({ kind: 'topology-changed' });
  });

  test('a brick moved to another host is an options-only change (remote-host)', () => {
    const moved = replicate('r', 3, bricks(3, (i) => `/b/r${i}`, ['h1', 'h2', 'h9']));
    expect(classifyVolfileChange(gen(r1x3), gen(moved))).toEqual({
      kind: 'options-only',
      changes: [{ xlator: 'r-client-2', key: 'remote-host', before: 'h3', after: 'h9' }],
    });
  });

  test('same graph with options reordered, comments or spacing changed: options-only with no change', () => {
    const a = 'volume a\n type debug/sink\n option x 1\n option y 2\nend-volume\n';
    const b = '# reordered\nvolume a\n    type debug/sink\n    option y 2\n    option x 1\nend-volume\n';
    expect(classifyVolfileChange(a, b)).toEqual({ kind: 'options-only', changes: [] });
  });

  test('a type, a name or the children order differ: topology changed; options are ignored by topology', () => {
    const base = 'volume c0\n type protocol/client\n option a 1\nend-volume\nvolume c1\n type protocol/client\n option a 1\nend-volume\nvolume r\n type cluster/replicate\n subvolumes c0 c1\nend-volume\n';
    const swapped = base.replace('subvolumes c0 c1', 'subvolumes c1 c0');
    const retyped = base.replace('cluster/replicate', 'cluster/disperse');
    const renamed = base.replaceAll('c1', 'c9');
    const reoptioned = base.replaceAll('option a 1', 'option b 2');
    const g = parseVolfile(base, 'base');
    expect(topologyEqual(g, parseVolfile(swapped, 's'))).toBe(false);
    expect(topologyEqual(g, parseVolfile(retyped, 't'))).toBe(false);
    expect(topologyEqual(g, parseVolfile(renamed, 'n'))).toBe(false);
    expect(topologyEqual(g, parseVolfile(reoptioned, 'o'))).toBe(true);
    expect(graphsEqual(g, parseVolfile(reoptioned, 'o'))).toBe(false);
    expect(classifyVolfileChange(base, swapped)).toEqual({ kind: 'topology-changed' });
    expect(optionsDiff(g, parseVolfile(reoptioned, 'o'))).toEqual([
      { xlator: 'c0', key: 'a', before: '1' },
      { xlator: 'c0', key: 'b', after: '2' },
      { xlator: 'c1', key: 'a', before: '1' },
      { xlator: 'c1', key: 'b', after: '2' },
    ]);
  });

  test('a malformed volfile is a VolfileError naming its file', () => {
    expect(() => classifyVolfileChange(gen(r1x3), 'volume x\n', 'old.vol', 'new.vol')).toThrow(VolfileError);
    try {
      classifyVolfileChange(gen(r1x3), 'volume x\n', 'old.vol', 'new.vol');
    } catch (e) {
      expect((e as VolfileError).report).toBe("new.vol:1: 'end-volume' not defined for volume 'x'");
    }
  });

  test('checksum: sha256 hex of the bytes', () => {
    expect(volfileChecksum('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(volfileChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(volfileChecksum(gen(r1x3))).toBe(volfileChecksum(gen(r1x3)));
    expect(volfileChecksum(gen(r1x3))).not.toBe(volfileChecksum(gen(withOptions(r1x3, ['cluster.heal-timeout', '600']))));
  });
});
