import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../sim/cli/main.js';
import { captureIo } from '../../../sim/cli/io.js';
import { fixturePath } from './helpers.js';

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'shdsim-volfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const SMALL = `volume c0
    type protocol/client
    option remote-host h1
    option remote-subvolume /b/0
end-volume

volume c1
    type protocol/client
    option remote-host h2
    option remote-subvolume /b/1
end-volume

volume r
    type cluster/replicate
    option heal-timeout 600
    subvolumes c0 c1
end-volume

volume top
    type debug/io-stats
    option log-level INFO
    subvolumes r
end-volume
`;

describe('shdsim volfile', () => {
  const small = file('small.vol', SMALL);

  test('parse --json: the contract shape, file order, 2-space indent, trailing newline', async () => {
    const r = await cli('volfile', 'parse', small, '--json');
    expect(r).toEqual({
      code: 0,
      err: '',
      out: `{
  "top": "top",
  "xlators": [
    {
      "name": "c0",
      "type": "protocol/client",
      "options": {
        "remote-host": "h1",
        "remote-subvolume": "/b/0"
      },
      "subvolumes": []
    },
    {
      "name": "c1",
      "type": "protocol/client",
      "options": {
        "remote-host": "h2",
        "remote-subvolume": "/b/1"
      },
      "subvolumes": []
    },
    {
      "name": "r",
      "type": "cluster/replicate",
      "options": {
        "heal-timeout": "600"
      },
      "subvolumes": [
        "c0",
        "c1"
      ]
    },
    {
      "name": "top",
      "type": "debug/io-stats",
      "options": {
        "log-level": "INFO"
      },
      "subvolumes": [
        "r"
      ]
    }
  ]
}
`,
    });
    const parsed = JSON.parse(r.out) as unknown;
    expect(`${JSON.stringify(parsed, null, 2)}\n`).toBe(r.out);
  });

  test('parse --json keeps option order even for integer-like keys', async () => {
    const f = file('int-keys.vol', 'volume a\n type debug/sink\n option z 1\n option 10 ten\n option 2 two\nend-volume\n');
    const r = await cli('volfile', 'parse', f, '--json');
    expect(r.code).toBe(0);
    expect(r.out).toContain('"options": {\n        "z": "1",\n        "10": "ten",\n        "2": "two"\n      },');
  });

  test('parse: a tree from the top', async () => {
    const r = await cli('volfile', 'parse', small);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`top (debug/io-stats)
|   log-level = INFO
\`-- r (cluster/replicate)
    |   heal-timeout = 600
    |-- c0 (protocol/client)
    |       remote-host = h1
    |       remote-subvolume = /b/0
    \`-- c1 (protocol/client)
            remote-host = h2
            remote-subvolume = /b/1
4 xlators, 2 clients, 2 leaves; top top
`);
  });

  test('parse: shared subvolumes and unreachable xlators in the tree', async () => {
    const f = file(
      'dag.vol',
      'volume c\n type protocol/client\n option a 1\nend-volume\nvolume lost\n type debug/sink\n option a 1\nend-volume\nvolume r0\n type cluster/replicate\n subvolumes c\nend-volume\nvolume r1\n type cluster/replicate\n subvolumes c\nend-volume\nvolume t\n type debug/io-stats\n subvolumes r0 r1\nend-volume\n',
    );
    const r = await cli('volfile', 'parse', f);
    expect(r.out).toBe(`t (debug/io-stats)
|-- r0 (cluster/replicate)
|   \`-- c (protocol/client)
|           a = 1
\`-- r1 (cluster/replicate)
    \`-- c (see above)
not reachable from the top:
lost (debug/sink)
    a = 1
5 xlators, 1 client, 2 leaves; top t
`);
  });

  test('parse: a 17,000-xlator chain prints in linear size (indentation stops growing at 32 levels)', async () => {
    const n = 17_000;
    let text = '';
    for (let i = 0; i < n; i++) text += `volume x${i}\n type debug/io-stats\n option a b\n${i > 0 ? ` subvolumes x${i - 1}\n` : ''}end-volume\n`;
    const r = await cli('volfile', 'parse', file('chain.vol', text));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(2 * n + 2); // name and option of each, the count line, the final newline
    expect(lines[0]).toBe(`x${n - 1} (debug/io-stats)`);
    const pad = '    '.repeat(31);
    expect(lines[64]).toBe(`${pad}\`-- x${n - 33} (debug/io-stats)`); // depth 32: the last indented level
    expect(lines[66]).toBe(`${pad}\`-- [33] x${n - 34} (debug/io-stats)`);
    expect(lines[2 * n - 2]).toBe(`${pad}\`-- [${n - 1}] x0 (debug/io-stats)`);
    expect(lines[2 * n]).toBe(`${n} xlators, 0 clients, 1 leaf; top x${n - 1}`);
    expect(r.out.length).toBeLessThan(2 * n * 180); // two lines of at most 32 levels × 4 + ~50 characters
  });

  test('dump: the Final graph block', async () => {
    const r = await cli('volfile', 'dump', small);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const rule = `+${'-'.repeat(78)}+`;
    expect(r.out).toBe(
      [
        'Final graph:',
        rule,
        '  1: volume c0',
        '  2:     type protocol/client',
        '  3:     option remote-host h1',
        '  4:     option remote-subvolume /b/0',
        '  5: end-volume',
        '  6:  ',
        '  7: volume c1',
        '  8:     type protocol/client',
        '  9:     option remote-host h2',
        ' 10:     option remote-subvolume /b/1',
        ' 11: end-volume',
        ' 12:  ',
        ' 13: volume r',
        ' 14:     type cluster/replicate',
        ' 15:     option heal-timeout 600',
        ' 16:     subvolumes c0 c1',
        ' 17: end-volume',
        ' 18:  ',
        ' 19: volume top',
        ' 20:     type debug/io-stats',
        ' 21:     option log-level INFO',
        ' 22:     subvolumes r',
        ' 23: end-volume',
        ' 24:  ',
        rule,
        '',
      ].join('\n'),
    );
  });

  test('diff: identical, options-only with the changes, topology-changed', async () => {
    const same = file('same.vol', SMALL);
    expect(await cli('volfile', 'diff', small, same)).toEqual({ code: 0, out: 'identical\n', err: '' });
    const opts = file('opts.vol', SMALL.replace('heal-timeout 600', 'heal-timeout 30').replace('    option remote-subvolume /b/1\n', '').replace('log-level INFO', 'log-level INFO\n    option count-fop-hits on'));
    expect(await cli('volfile', 'diff', small, opts)).toEqual({
      code: 0,
      err: '',
      out: 'options-only\nc1: remote-subvolume: /b/1 -> (unset)\nr: heal-timeout: 600 -> 30\ntop: count-fop-hits: (unset) -> on\n',
    });
    const reordered = file('reordered.vol', `# comment\n${SMALL.replace('    option remote-host h1\n    option remote-subvolume /b/0\n', '    option remote-subvolume /b/0\n    option remote-host h1\n')}`);
    expect(await cli('volfile', 'diff', small, reordered)).toEqual({ code: 0, out: 'options-only\n', err: '' });
    const topo = file('topo.vol', SMALL.replace('subvolumes c0 c1', 'subvolumes c1 c0'));
    expect(await cli('volfile', 'diff', small, topo)).toEqual({ code: 0, out: 'topology-changed\n', err: '' });
  });

  test('a malformed file: exit 2, file:line: message on stderr, nothing on stdout', async () => {
    const bad = file('bad.vol', SMALL.replace('    subvolumes r\n', '    subvolumes r q\n'));
    for (const argv of [['parse', bad], ['parse', bad, '--json'], ['dump', bad], ['diff', small, bad], ['diff', bad, small]]) {
      const r = await cli('volfile', ...argv);
      expect(r).toEqual({ code: 2, out: '', err: `${bad}:22: Volume 'top', line 22: subvolume 'q' is not defined prior to usage` });
    }
    const syntax = file('syntax.vol', 'volume a\n type debug/sink\n option test and test\nend-volume\n');
    expect(await cli('volfile', 'dump', syntax)).toEqual({
      code: 2,
      out: '',
      err: `${syntax}:3: syntax error: line 3 (volume 'a'): "test"\nallowed tokens are 'volume', 'type', 'subvolumes', 'option', 'end-volume'()`,
    });
  });

  test('a missing or unreadable file: exit 2, shdsim: cannot read …', async () => {
    expect(await cli('volfile', 'parse', '/nonexistent/x.vol')).toEqual({ code: 2, out: '', err: 'shdsim: cannot read /nonexistent/x.vol: No such file or directory' });
    expect(await cli('volfile', 'dump', dir)).toEqual({ code: 2, out: '', err: `shdsim: cannot read ${dir}: Is a directory` });
    expect(await cli('volfile', 'diff', small, '/nonexistent/y.vol')).toEqual({ code: 2, out: '', err: 'shdsim: cannot read /nonexistent/y.vol: No such file or directory' });
  });

  test('usage mistakes exit 2', async () => {
    const none = await cli('volfile');
    expect(none.code).toBe(2);
    expect(none.err).toContain('shdsim: no volfile command given (parse, dump or diff)');
    const unknown = await cli('volfile', 'frob');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("shdsim: unknown volfile command 'frob' (expected parse, dump, diff)");
    expect((await cli('volfile', 'pasre', small)).err).toContain("shdsim: unknown volfile command 'pasre'; did you mean 'parse'? (expected parse, dump, diff)");
    const missing = await cli('volfile', 'diff', small);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Not enough non-option arguments');
  });

  test('every command has --help with an example', async () => {
    for (const sub of ['parse', 'dump', 'diff']) {
      const r = await cli('volfile', sub, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`shdsim volfile ${sub}`);
      expect(r.out).toContain('Examples:');
    }
    const r = await cli('volfile', '--help');
    expect(r.out).toContain('Examples:');
    expect((await cli('--help')).out).toContain('shdsim volfile');
  });

  test('the real samples', async () => {
    const ta = await cli('volfile', 'parse', fixturePath('ta-glustershd.vol'), '--json');
    expect(ta.code).toBe(0);
    const j = JSON.parse(ta.out) as { top: string; xlators: { name: string; type: string; subvolumes: string[] }[] };
    expect(j.top).toBe('glustershd');
    expect(j.xlators.filter((x) => x.type === 'protocol/client').length).toBe(3);
    expect(j.xlators.filter((x) => x.type === 'cluster/replicate').map((x) => x.subvolumes.length)).toEqual([3]);
    for (const f of ['volspec-client.vol', 'thin-arbiter-brick.vol', 'ta-glustershd.vol.tmpl']) {
      expect((await cli('volfile', 'dump', fixturePath(f))).code).toBe(0);
    }
  });
});
