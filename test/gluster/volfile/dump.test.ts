import { finalGraphDump, finalGraphDumpSize } from '../../../sim/gluster/volfile/dump.js';
import { parseVolfile } from '../../../sim/gluster/volfile/parse.js';
import { generateShdVolfile, generateLegacyShdVolfile } from '../../../sim/gluster/volfile/generate.js';
import type { Graph } from '../../../sim/gluster/graph/graph.js';
import { bricks, disperse, fixture, replicate } from './helpers.js';

const RULE = '+------------------------------------------------------------------------------+';

const small = parseVolfile(
  `volume c0
    type protocol/client
    option remote-host h1
end-volume

volume c1
    type protocol/client
    option remote-host h2
end-volume

volume r
    type cluster/replicate
    subvolumes c0 c1
end-volume

volume top
    type debug/io-stats
    option log-level INFO
    subvolumes r
end-volume
`,
  'small.vol',
);

function measured(g: Graph) {
  const d = finalGraphDump(g);
  return { lines: d.length, bytes: Buffer.byteLength(`${d.join('\n')}\n`, 'utf8') };
}

describe('Final graph dump', () => {
  test('exact block for a small graph', () => {
    expect(finalGraphDump(small)).toEqual([
      'Final graph:',
      RULE,
      '  1: volume c0',
      '  2:     type protocol/client',
      '  3:     option remote-host h1',
      '  4: end-volume',
      '  5:  ',
      '  6: volume c1',
      '  7:     type protocol/client',
      '  8:     option remote-host h2',
      '  9: end-volume',
      ' 10:  ',
      ' 11: volume r',
      ' 12:     type cluster/replicate',
      ' 13:     subvolumes c0 c1',
      ' 14: end-volume',
      ' 15:  ',
      ' 16: volume top',
      ' 17:     type debug/io-stats',
      ' 18:     option log-level INFO',
      ' 19:     subvolumes r',
      ' 20: end-volume',
      ' 21:  ',
      RULE,
    ]);
    expect(RULE.length).toBe(80);
  });

  test('depth first from the top, children before parents, each xlator once, unreachable ones left out', () => {
    const g = parseVolfile(
      `volume c0
 type protocol/client
 option a 1
end-volume
volume c1
 type protocol/client
 option a 1
end-volume
volume c2
 type protocol/client
 option a 1
end-volume
volume orphan
 type debug/sink
 option a 1
end-volume
volume r0
 type cluster/replicate
 subvolumes c0 c1
end-volume
volume r1
 type cluster/replicate
 subvolumes c2 c0
end-volume
volume top
 type debug/io-stats
 subvolumes r0 r1
end-volume
`,
      'dag.vol',
    );
    const volumes = finalGraphDump(g)
      .filter((l) => / volume /.test(l))
      .map((l) => l.replace(/^ *\d+: volume /, ''));
    expect(volumes).toEqual(['c0', 'c1', 'r0', 'c2', 'r1', 'top']);
  });

  test('a generated volfile: the dump is the file, numbered, plus header, trailing empty line and rules (file lines + 4)', () => {
    const text = generateShdVolfile(replicate('rep3', 3, bricks(3, (i) => `/b/rep3/${i}`)));
    const fileLines = text.slice(0, -1).split('\n');
    const dump = finalGraphDump(parseVolfile(text, 'rep3-shd.vol'));
    expect(dump.length).toBe(fileLines.length + 4);
    expect(dump.slice(2, -1).map((l) => l.replace(/^ *\d+: /, ''))).toEqual([...fileLines.map((l) => (l === '' ? ' ' : l)), ' ']);
    expect(dump[2]).toBe('  1: volume rep3-client-0');
    // 3 client blocks of 14 lines, the replicate's 11, the top's 5, 4 empty lines between blocks
    expect(dump[dump.length - 3]).toBe(' 62: end-volume');
  });

  test('numbers wider than three digits', () => {
    const opts = Array.from({ length: 1000 }, (_, i) => `    option k${i} v${i}`).join('\n');
    const g = parseVolfile(`volume big\n    type debug/sink\n${opts}\nend-volume\n`, 'big.vol');
    const d = finalGraphDump(g);
    expect(d[1 + 9]).toBe('  9:     option k6 v6');
    expect(d[1 + 99]).toBe(' 99:     option k96 v96');
    expect(d[1 + 100]).toBe('100:     option k97 v97');
    expect(d[1 + 1000]).toBe('1000:     option k997 v997');
    expect(d[1 + 1004]).toBe('1004:  ');
    expect(d.length).toBe(1004 + 3);
  });

  test('size without building the dump equals the dump, for every kind of graph', () => {
    const graphs: Graph[] = [
      small,
      parseVolfile(fixture('ta-glustershd.vol'), 'ta'),
      parseVolfile(fixture('thin-arbiter-brick.vol'), 'b'),
      parseVolfile(generateShdVolfile(disperse('ec2', 6, 2, bricks(12, (i) => `/e/${i}`))), 'e'),
      parseVolfile(
        generateLegacyShdVolfile(Array.from({ length: 40 }, (_, v) => replicate(`v${v}`, 3, bricks(3, (i) => `/b/v${v}/${i}`)))),
        'legacy',
      ),
      parseVolfile('volume "vé"\n type debug/sink\n option "clé" "värde 🚀 ☃"\n option empty ""\nend-volume\n', 'utf8.vol'),
      parseVolfile(`volume big\n type debug/sink\n${Array.from({ length: 1200 }, (_, i) => ` option k${i} v`).join('\n')}\nend-volume\n`, 'big'),
    ];
    for (const g of graphs) expect(finalGraphDumpSize(g)).toEqual(measured(g));
    expect(finalGraphDumpSize(small)).toEqual({ lines: 24, bytes: 12 + 1 + 2 * 81 + 21 * 6 + [9, 24, 25, 10, 1, 9, 24, 25, 10, 1, 8, 26, 20, 10, 1, 10, 23, 25, 16, 10, 1].reduce((a, b) => a + b, 0) });
  });
});
