import {
  buildLegacyShdGraph,
  buildShdGraph,
  generateLegacyShdVolfile,
  generateShdVolfile,
  LEGACY_SHD_VOLFILE_ID,
  LEGACY_SHD_VOLFILE_PATH,
  shdVolfileId,
  shdVolfilePath,
} from '../../../sim/gluster/volfile/generate.js';
import { parseVolfile } from '../../../sim/gluster/volfile/parse.js';
import { writeVolfile } from '../../../sim/gluster/volfile/write.js';
import { graphsEqual } from '../../../sim/gluster/graph/graph.js';
import type { VolumeLayout } from '../../../sim/gluster/volfile/layout.js';
import { bricks, disperse, distribute, fixture, replicate } from './helpers.js';

const rep3: VolumeLayout = {
  ...replicate('rep3', 3, bricks(3, (i) => `/bricks/rep3/b${i}`, ['server1', 'server2', 'server3']), [['transport.address-family', 'inet']]),
  username: '0d2f4a7e-user',
  password: '9b3c1e55-pass',
};

const arb: VolumeLayout = {
  ...replicate(
    'arb',
    3,
    [
      { host: 'h1', path: '/data/arb/brick' },
      { host: 'h2', path: '/data/arb/brick' },
      { host: 'h3', path: '/data/arb/arbiter' },
    ],
    [
      ['cluster.self-heal-daemon', 'off'],
      ['cluster.heal-timeout', '30'],
      ['cluster.background-self-heal-count', '16'],
      ['performance.flush-behind', 'off'],
      ['cluster.shd-max-threads', '4'],
      ['my.own.key', 'whatever'],
      ['disperse.shd-max-threads', '9'],
      ['cluster.data-self-heal', 'off'],
    ],
    1,
  ),
  username: '11111111-aaaa',
  password: '22222222-bbbb',
};

const ec: VolumeLayout = {
  ...disperse('ec', 6, 2, bricks(6, (i) => `/srv/ec/${i}`, ['n1', 'n2', 'n3'])),
  username: 'ec-user',
  password: 'ec-pass',
};

const rep2x3 = replicate('dr', 3, bricks(6, (i) => `/b/dr${i}`));
const ec2x6 = disperse('ec2', 6, 2, bricks(12, (i) => `/b/ec2-${i}`));

describe('per-volume shd volfile (multiplexed shd)', () => {
  test('replica 1x3: the reference reconstruction, with address family set', () => {
    expect(generateShdVolfile(rep3)).toBe(fixture('expected/rep3-shd.vol'));
  });

  test('replica 3 arbiter 1 with user options: only shd options land, self-heal-daemon off shows, forced ones stay', () => {
    expect(generateShdVolfile(arb)).toBe(fixture('expected/arb-shd.vol'));
  });

  test('disperse 4+2 with defaults', () => {
    expect(generateShdVolfile(ec)).toBe(fixture('expected/ec-shd.vol'));
  });

  test('2x3 distributed-replicate: two replicate sets of three clients under one io-stats', () => {
    const g = buildShdGraph(rep2x3);
    expect(g.xlators.map((x) => x.name)).toEqual([
      'dr-client-0', 'dr-client-1', 'dr-client-2', 'dr-replicate-0',
      'dr-client-3', 'dr-client-4', 'dr-client-5', 'dr-replicate-1', 'dr',
    ]);
    expect(g.top.name).toBe('dr');
    expect(g.top.children.map((c) => c.name)).toEqual(['dr-replicate-0', 'dr-replicate-1']);
    expect(g.get('dr-replicate-1')!.children.map((c) => c.name)).toEqual(['dr-client-3', 'dr-client-4', 'dr-client-5']);
    expect(g.get('dr-replicate-1')!.options.get('afr-pending-xattr')).toBe('dr-client-3,dr-client-4,dr-client-5');
    expect(g.get('dr-replicate-1')!.options.has('arbiter-count')).toBe(false);
    expect(g.get('dr-client-4')!.options.get('remote-host')).toBe('h2');
    expect(g.get('dr-client-4')!.options.get('remote-subvolume')).toBe('/b/dr4');
    expect(g.clientCount).toBe(6);
    expect(g.leafCount).toBe(6);
    expect(g.clusters().map((x) => x.name)).toEqual(['dr-replicate-0', 'dr-replicate-1']);
    const text = generateShdVolfile(rep2x3);
    // 6 client blocks of 14 lines, 2 replicate blocks of 11, the top's 5, 8 empty lines between the 9 blocks
    expect(text.split('\n').length - 1).toBe(6 * 14 + 2 * 11 + 5 + 8);
    expect(text.endsWith('end-volume\n')).toBe(true);
  });

  test('2x(4+2) distributed-disperse: two disperse sets of six', () => {
    const g = buildShdGraph(ec2x6);
    expect(g.clusters().map((x) => [x.name, x.type, x.options.get('redundancy'), x.children.map((c) => c.name).join(' ')])).toEqual([
      ['ec2-disperse-0', 'cluster/disperse', '2', 'ec2-client-0 ec2-client-1 ec2-client-2 ec2-client-3 ec2-client-4 ec2-client-5'],
      ['ec2-disperse-1', 'cluster/disperse', '2', 'ec2-client-6 ec2-client-7 ec2-client-8 ec2-client-9 ec2-client-10 ec2-client-11'],
    ]);
    expect(g.top.children.map((c) => c.name)).toEqual(['ec2-disperse-0', 'ec2-disperse-1']);
    expect(g.xlators.map((x) => x.name).indexOf('ec2-disperse-0')).toBe(6);
    expect(g.clientCount).toBe(12);
    expect([...g.get('ec2-disperse-1')!.options.keys()]).toEqual(['redundancy', 'self-heal-daemon', 'iam-self-heal-daemon']);
  });

  test('user options appear exactly where expected, and only when set', () => {
    const plain = buildShdGraph(replicate('p', 3, bricks(3, (i) => `/p${i}`)));
    for (const x of plain.xlators) {
      for (const k of ['heal-timeout', 'shd-max-threads', 'shd-wait-qlength', 'eager-lock', 'transport.address-family']) expect(x.options.has(k)).toBe(false);
    }
    const set = buildShdGraph(
      replicate('p', 3, bricks(3, (i) => `/p${i}`), [
        ['cluster.shd-wait-qlength', '2048'],
        ['diagnostics.client-log-level', 'DEBUG'],
        ['network.ping-timeout', '10'],
        ['client.ssl', 'on'],
        ['cluster.eager-lock', 'off'],
        ['cluster.data-self-heal-window-size', '16'],
        ['cluster.disperse-self-heal-daemon', 'off'],
        ['disperse.shd-wait-qlength', '99'],
      ]),
    );
    expect([...set.get('p-replicate-0')!.options]).toEqual([
      ['afr-pending-xattr', 'p-client-0,p-client-1,p-client-2'],
      ['background-self-heal-count', '0'],
      ['metadata-self-heal', 'on'],
      ['data-self-heal', 'on'],
      ['entry-self-heal', 'on'],
      ['self-heal-daemon', 'enable'],
      ['iam-self-heal-daemon', 'yes'],
      ['shd-wait-qlength', '2048'],
      ['eager-lock', 'off'],
      ['data-self-heal-window-size', '16'],
    ]);
    expect([...set.top.options]).toEqual([['log-level', 'DEBUG']]);
    const c = set.get('p-client-1')!;
    expect([...c.options.keys()][0]).toBe('ping-timeout');
    expect(c.options.get('ping-timeout')).toBe('10');
    expect(c.options.get('transport.socket.ssl-enabled')).toBe('on');
    expect(c.options.size).toBe(11);
  });

  test('disperse volumes take the disperse and common shd options, not the replicate ones', () => {
    const g = buildShdGraph(
      disperse('e', 3, 1, bricks(3, (i) => `/e${i}`), [
        ['cluster.shd-max-threads', '8'],
        ['disperse.shd-max-threads', '4'],
        ['cluster.heal-timeout', '120'],
        ['cluster.self-heal-daemon', 'off'],
        ['cluster.disperse-self-heal-daemon', 'disable'],
        ['disperse.shd-wait-qlength', '512'],
        ['cluster.background-self-heal-count', '3'],
      ]),
    );
    expect([...g.get('e-disperse-0')!.options]).toEqual([
      ['redundancy', '1'],
      ['self-heal-daemon', 'disable'],
      ['iam-self-heal-daemon', 'yes'],
      ['shd-max-threads', '4'],
      ['heal-timeout', '120'],
      ['shd-wait-qlength', '512'],
    ]);
  });

  test('plain distribute has no shd graph', () => {
    const plain = distribute('plain', bricks(4, (i) => `/d${i}`));
    expect(() => generateShdVolfile(plain)).toThrow(
      'volume plain is plain distribute: it has no replicate or disperse xlator, so glusterd writes no shd volfile for it',
    );
    expect(() => buildShdGraph(plain)).toThrow(Error);
  });

  test('impossible layouts are refused', () => {
    expect(() => generateShdVolfile(replicate('x', 3, bricks(4, (i) => `/x${i}`)))).toThrow(
      'impossible volume layout: volume x: 4 bricks are not a multiple of replica count 3',
    );
    expect(() => generateShdVolfile(disperse('y', 4, 2, bricks(4, (i) => `/y${i}`)))).toThrow(
      'impossible volume layout: volume y: redundancy 2 must be at least 1 and less than half of disperse count 4',
    );
  });

  test('paths and volfile-ids', () => {
    expect(shdVolfilePath('/var/lib/glusterd', 'r2')).toBe('/var/lib/glusterd/vols/r2/r2-shd.vol');
    expect(shdVolfilePath('/var/lib/glusterd/', 'ec2')).toBe('/var/lib/glusterd/vols/ec2/ec2-shd.vol');
    expect(LEGACY_SHD_VOLFILE_PATH).toBe('glustershd/glustershd-server.vol');
    expect(LEGACY_SHD_VOLFILE_ID).toBe('gluster/glustershd');
    expect(shdVolfileId('r2')).toBe('shd/r2');
  });

  test('round trip: parsing a generated volfile gives back the graph it was written from, and writes back the same bytes', () => {
    for (const l of [rep3, arb, ec, rep2x3, ec2x6]) {
      const text = generateShdVolfile(l);
      const parsed = parseVolfile(text, `${l.name}-shd.vol`);
      expect(graphsEqual(parsed, buildShdGraph(l))).toBe(true);
      expect(writeVolfile(parsed)).toBe(text);
      // The text is written straight from the volume plan; the graph is built from it separately.
      expect(writeVolfile(buildShdGraph(l))).toBe(text);
    }
    expect(graphsEqual(parseVolfile(generateShdVolfile(rep3), 'a'), buildShdGraph(arb))).toBe(false);
  });
});

describe('legacy combined shd volfile (glustershd-server.vol)', () => {
  const r2 = replicate('r2', 2, bricks(2, () => '/b/r2'), [['cluster.heal-timeout', '10']]);
  const d3 = disperse('d3', 3, 1, bricks(3, () => '/b/d3'));
  const plain = distribute('plain', bricks(2, () => '/b/plain'));

  test('two volumes under one io-stats glustershd; plain distribute left out', () => {
    expect(generateLegacyShdVolfile([r2, plain, d3])).toBe(fixture('expected/legacy-r2-d3.vol'));
  });

  test('its graph: every volume subtree below glustershd, in the order given', () => {
    const g = buildLegacyShdGraph([d3, r2]);
    expect(g.top.name).toBe('glustershd');
    expect(g.top.children.map((c) => c.name)).toEqual(['d3-disperse-0', 'r2-replicate-0']);
    expect(g.clientCount).toBe(5);
    expect(graphsEqual(parseVolfile(generateLegacyShdVolfile([d3, r2]), 'g.vol'), g)).toBe(true);
    expect(writeVolfile(g)).toBe(generateLegacyShdVolfile([d3, r2]));
  });

  test('no shd-compatible volume: no graph', () => {
    expect(() => generateLegacyShdVolfile([plain])).toThrow('no replicate or disperse volume given: the legacy shd has no graph to load');
    expect(() => generateLegacyShdVolfile([r2, r2])).toThrow('volume r2 given twice');
  });
});
