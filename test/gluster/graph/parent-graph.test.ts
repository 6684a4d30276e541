import { ParentGraph } from '../../../sim/gluster/graph/parent-graph.js';
import { volfileChecksum } from '../../../sim/gluster/graph/topology.js';
import type { Graph } from '../../../sim/gluster/graph/graph.js';
import { buildShdGraph, generateShdVolfile, shdVolfileId } from '../../../sim/gluster/volfile/generate.js';
import { parseVolfile } from '../../../sim/gluster/volfile/parse.js';
import type { VolumeLayout } from '../../../sim/gluster/volfile/layout.js';
import { bricks, disperse, replicate } from '../volfile/helpers.js';

/** The graph of a layout as the shd gets it: parsed from the generated volfile, with its checksum. */
function loaded(l: VolumeLayout): { graph: Graph; checksum: string } {
  const text = generateShdVolfile(l);
  return { graph: parseVolfile(text, `${l.name}-shd.vol`), checksum: volfileChecksum(text) };
}

function chain(p: ParentGraph): string[] {
  const out: string[] = [];
  for (let x = p.top.next; x; x = x.next) out.push(x.name);
  return out;
}

const A = replicate('a', 3, bricks(3, (i) => `/a${i}`)); // 5 xlators, 3 leaves
const B = disperse('b', 6, 2, bricks(6, (i) => `/b${i}`)); // 8 xlators, 6 leaves
const C = replicate('c', 3, bricks(6, (i) => `/c${i}`)); // 9 xlators, 6 leaves
const C3 = replicate('c', 3, bricks(9, (i) => `/c${i}`)); // 13 xlators, 9 leaves

describe('the multiplexed shd parent graph', () => {
  test('empty: the synthetic glustershd io-stats alone', () => {
    const p = new ParentGraph();
    expect(p.top.name).toBe('glustershd');
    expect(p.top.type).toBe('debug/io-stats');
    expect([p.xlCount, p.leafCount, p.id]).toEqual([1, 0, 0]);
    expect(p.lastXlator).toBe(p.top);
    expect(p.entries()).toEqual([]);
    expect(p.check()).toEqual([]);
    expect(new ParentGraph('other', 'debug/trace').top.name).toBe('other');
  });

  test('attach, attach, attach, detach the middle, detach the first, replace, detach the last', () => {
    const p = new ParentGraph();
    const a = loaded(A);
    const ea = p.attach(shdVolfileId('a'), a.graph, a.checksum);
    expect(ea).toEqual({ volfileId: 'shd/a', graph: a.graph, checksum: a.checksum, graphId: 0 });
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([6, 3, 2]);
    expect(chain(p)).toEqual(['a', 'a-replicate-0', 'a-client-2', 'a-client-1', 'a-client-0']);
    expect(p.findXlator('a-replicate-0')).toBe(a.graph.get('a-replicate-0'));
    expect(p.findXlator('glustershd')).toBe(p.top);
    expect(p.lastXlator).toBe(a.graph.get('a-client-0'));
    expect(a.graph.top.parents).toEqual([p.top]);

    const b = loaded(B);
    const eb = p.attach('shd/b', b.graph, b.checksum);
    expect(eb.graphId).toBe(1);
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([14, 9, 4]);
    expect(chain(p).slice(4, 7)).toEqual(['a-client-0', 'b', 'b-disperse-0']);
    expect(p.findXlator('b-client-5')).toBe(b.graph.get('b-client-5'));

    const c = loaded(C);
    p.attach('shd/c', c.graph, c.checksum);
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([23, 15, 6]);
    expect(p.top.children.map((x) => x.name)).toEqual(['a', 'b', 'c']);
    expect(p.lastXlator).toBe(c.graph.get('c-client-0'));

    expect(p.detach('shd/b')).toBe(eb);
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([15, 9, 7]);
    expect(p.findXlator('b-disperse-0')).toBeUndefined();
    expect(p.findXlator('b')).toBeUndefined();
    expect(chain(p)).toEqual(['a', 'a-replicate-0', 'a-client-2', 'a-client-1', 'a-client-0', 'c', 'c-replicate-1', 'c-client-5', 'c-client-4', 'c-client-3', 'c-replicate-0', 'c-client-2', 'c-client-1', 'c-client-0']);
    // The detached graph is whole again on its own, ready for its cleanup.
    expect(b.graph.top.prev).toBeUndefined();
    expect(b.graph.lastXlator.next).toBeUndefined();
    expect(b.graph.top.parents).toEqual([]);
    expect(b.graph.attachedTo).toBeUndefined();

    p.detach('shd/a');
    expect(p.check()).toEqual([]);
    expect(p.top.next).toBe(c.graph.top);
    expect(c.graph.top.prev).toBe(p.top);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([10, 6, 8]);
    expect(p.findXlator('a-replicate-0')).toBeUndefined();
    expect(p.findXlator('c-replicate-1')).toBe(c.graph.get('c-replicate-1'));

    const c3 = loaded(C3);
    const ec3 = p.replace('shd/c', c3.graph, c3.checksum);
    expect(ec3.graphId).toBe(3);
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([14, 9, 11]);
    expect(p.findXlator('c-replicate-2')).toBe(c3.graph.get('c-replicate-2'));
    expect(p.findXlator('c-replicate-0')).toBe(c3.graph.get('c-replicate-0'));
    expect(p.findXlator('c-replicate-0')).not.toBe(c.graph.get('c-replicate-0'));

    // b comes back: it is appended after c.
    const b2 = loaded(B);
    p.attach('shd/b', b2.graph, b2.checksum);
    expect(p.entries().map((e) => [e.volfileId, e.graphId])).toEqual([['shd/c', 3], ['shd/b', 4]]);
    expect(p.check()).toEqual([]);

    p.detach('shd/b');
    p.detach('shd/c');
    expect(p.check()).toEqual([]);
    expect([p.xlCount, p.leafCount, p.id]).toEqual([1, 0, 15]);
    expect(p.lastXlator).toBe(p.top);
    expect(p.top.next).toBeUndefined();
    expect(p.top.children).toEqual([]);
  });

  test('detaching what is not attached changes nothing', () => {
    const p = new ParentGraph();
    expect(p.detach('shd/none')).toBeUndefined();
    expect(p.id).toBe(0);
    expect(p.check()).toEqual([]);
  });

  test('refusals: the same volfile-id twice, a graph attached elsewhere, fuse, replacing what is not attached', () => {
    const p = new ParentGraph();
    const a = loaded(A);
    p.attach('shd/a', a.graph, a.checksum);
    expect(() => p.attach('shd/a', loaded(A).graph, 'x')).toThrow('shd/a is already attached');
    expect(() => new ParentGraph().attach('shd/a2', a.graph, 'x')).toThrow('the graph of shd/a2 (top a) is already attached');
    const fuse = parseVolfile('volume f\n type mount/fuse\n option mountpoint /mnt\nend-volume\n', 'f.vol');
    expect(() => p.attach('shd/f', fuse, 'x')).toThrow('fuse xlator cannot be specified in volume file');
    expect(() => p.replace('shd/zz', loaded(B).graph, 'x')).toThrow('shd/zz is not attached');
    expect(p.check()).toEqual([]);
    expect(p.entries().length).toBe(1);
  });

  test('options-only reconfigure: options change in place, the checksum follows, the graph stays', () => {
    const p = new ParentGraph();
    const a = loaded(A);
    p.attach('shd/a', a.graph, a.checksum);
    const next = loaded({ ...A, options: new Map([['cluster.heal-timeout', '20'], ['network.ping-timeout', '7']]) });
    const changes = p.reconfigure('shd/a', next.graph, next.checksum);
    expect(changes).toEqual([
      { xlator: 'a-client-0', key: 'ping-timeout', before: '42', after: '7' },
      { xlator: 'a-client-1', key: 'ping-timeout', before: '42', after: '7' },
      { xlator: 'a-client-2', key: 'ping-timeout', before: '42', after: '7' },
      { xlator: 'a-replicate-0', key: 'heal-timeout', after: '20' },
    ]);
    expect(p.get('shd/a')!.checksum).toBe(next.checksum);
    expect(p.get('shd/a')!.graph).toBe(a.graph);
    expect(p.findXlator('a-replicate-0')!.options.get('heal-timeout')).toBe('20');
    expect(p.id).toBe(2);
    expect(p.check()).toEqual([]);
    expect(() => p.reconfigure('shd/a', loaded(C).graph, 'x')).toThrow('the new graph of shd/a has another topology: replace it instead');
    expect(() => p.reconfigure('shd/q', next.graph, 'x')).toThrow('shd/q is not attached');
  });

  test('check() reports broken links, children and counts', () => {
    const p = new ParentGraph();
    const a = loaded(A);
    const b = loaded(B);
    p.attach('shd/a', a.graph, a.checksum);
    p.attach('shd/b', b.graph, b.checksum);
    const bTop = b.graph.top;
    bTop.prev = a.graph.top;
    expect(p.check()).toEqual(['b.prev is a, expected a-client-0']);
    bTop.prev = a.graph.lastXlator;
    a.graph.lastXlator.next = undefined;
    expect(p.check()).toEqual(['next list has 6 xlators, expected 14']);
    a.graph.lastXlator.next = bTop;
    expect(p.check()).toEqual([]);
    // A cycle: the walk stops one past the expected length.
    b.graph.lastXlator.next = a.graph.top;
    expect(p.check()).toEqual(['next list has more than 14 xlators, expected 14', 'a.prev is glustershd, expected b-client-0', 'lastXlator b-client-0 has a next link']);
    b.graph.lastXlator.next = undefined;
    p.top.children.reverse();
    expect(p.check()).toEqual(['child 0 of the parent top is b, expected a (shd/a)', 'child 1 of the parent top is a, expected b (shd/b)']);
    p.top.children.reverse();
    p.top.children.pop();
    expect(p.check()).toEqual(['parent top has 1 children but 2 volfiles are attached']);
  });

  test('a long deterministic sequence keeps the graph consistent at every step', () => {
    const layouts = [A, B, C, replicate('d', 2, bricks(4, (i) => `/d${i}`)), disperse('e', 3, 1, bricks(3, (i) => `/e${i}`))];
    const p = new ParentGraph();
    const attached = new Map<string, Graph>();
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let expectedId = 0;
    for (let step = 0; step < 300; step++) {
      const l = layouts[rand(layouts.length)]!;
      const id = shdVolfileId(l.name);
      const op = rand(3);
      if (op === 0 && !attached.has(id)) {
        const { graph, checksum } = loaded(l);
        p.attach(id, graph, checksum);
        attached.set(id, graph);
        expectedId += 2;
      } else if (op === 1 && attached.has(id)) {
        p.detach(id);
        attached.delete(id);
        expectedId += 1;
      } else if (op === 2 && attached.has(id)) {
        const { graph, checksum } = loaded(l);
        p.replace(id, graph, checksum);
        attached.delete(id);
        attached.set(id, graph);
        expectedId += 3;
      }
      expect(p.check()).toEqual([]);
      expect(p.id).toBe(expectedId);
      expect(p.entries().map((e) => e.volfileId)).toEqual([...attached.keys()]);
      expect(p.xlCount).toBe(1 + [...attached.values()].reduce((s, g) => s + g.xlators.length, 0));
      for (const l2 of layouts) {
        const name = `${l2.name}-${l2.kind}-0`;
        const g = attached.get(shdVolfileId(l2.name));
        expect(p.findXlator(name)).toBe(g ? g.get(name) : undefined);
      }
    }
    expect(expectedId).toBeGreaterThan(100);
  });

  test('buildShdGraph graphs attach as well as parsed ones', () => {
    const p = new ParentGraph();
    p.attach('shd/a', buildShdGraph(A), 'x');
    expect(p.check()).toEqual([]);
    expect(p.xlCount).toBe(6);
  });
});
