import { parseVolfile, VolfileError } from '../../../sim/gluster/volfile/parse.js';
import { UserError } from '../../../sim/errors.js';
import { fixture } from './helpers.js';

/** The error a text gives, as `where: message`. */
function failure(text: string, file = 'bad.vol'): string {
  try {
    parseVolfile(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(VolfileError);
    expect(e).toBeInstanceOf(UserError);
    return (e as VolfileError).report;
  }
  throw new Error('parsed without error');
}

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
const ALLOWED = "allowed tokens are 'volume', 'type', 'subvolumes', 'option', 'end-volume'";

describe('volfile grammar', () => {
  test('the last volume is the top; subvolumes link both ways; options keep file order', () => {
    const g = parseVolfile(
      lines(
        '# a comment line',
        'volume a',
        '    type debug/sink',
        '    option z 1   # trailing comment',
        '    option a 2',
        'end-volume',
        'volume b',
        '    type debug/trace',
        '    option before yes',
        '    subvolumes a',
        '    option after yes',
        'end-volume',
      ),
      'ok.vol',
    );
    expect(g.top.name).toBe('b');
    expect(g.xlators.map((x) => x.name)).toEqual(['a', 'b']);
    expect([...g.get('a')!.options]).toEqual([['z', '1'], ['a', '2']]);
    expect([...g.get('b')!.options]).toEqual([['before', 'yes'], ['after', 'yes']]);
    expect(g.get('b')!.children).toEqual([g.get('a')]);
    expect(g.get('a')!.parents).toEqual([g.get('b')]);
    // The next list runs from the top toward the first volume defined.
    expect(g.top.next).toBe(g.get('a'));
    expect(g.get('a')!.prev).toBe(g.top);
    expect(g.get('a')!.next).toBeUndefined();
    expect(g.lastXlator).toBe(g.get('a'));
    expect(g.leafCount).toBe(1);
    expect(g.clientCount).toBe(0);
  });

  test('quoted words: spaces, \\x escapes, newlines; # inside a word; Subvolumes; CRLF; several subvolume lines', () => {
    const g = parseVolfile(
      [
        'volume "my vol"',
        '  type debug/sink',
        '  option "key with space" "a \\"quoted\\" \\\\ value"',
        '  option multi "line one',
        'line two"',
        '  option hash a#b',
        '  option empty ""',
        'end-volume',
        'volume top',
        '  type debug/io-stats',
        '  option x y',
        '  Subvolumes',
        '     "my vol"',
        'end-volume',
      ].join('\r\n'),
      'q.vol',
    );
    const v = g.get('my vol')!;
    expect(v.options.get('key with space')).toBe('a "quoted" \\ value');
    expect(v.options.get('multi')).toBe('line one\r\nline two');
    expect(v.options.get('hash')).toBe('a#b');
    expect(v.options.get('empty')).toBe('');
    expect(g.top.children.map((c) => c.name)).toEqual(['my vol']);
  });

  test('a word stops at a quote; keywords are whole words', () => {
    const g = parseVolfile(lines('volume volumes', '  type debug/sink', '  option k"v"', 'end-volume'), 'w.vol');
    expect(g.top.name).toBe('volumes');
    expect(g.top.options.get('k')).toBe('v');
  });

  test('repeated keys and values across blocks of one type are read exactly (the lexer reuses equal strings)', () => {
    const block = (n: string, v: string) => `volume ${n}\n type protocol/client\n option host ${v}\n option ${v} x\nend-volume\n`;
    const g = parseVolfile(block('c0', 'abc') + block('c1', 'abd') + block('c2', 'ab') + block('c3', 'abcd') + block('c4', '"abc"'), 'h.vol');
    expect(g.xlators.map((x) => [...x.options])).toEqual([
      [['host', 'abc'], ['abc', 'x']],
      [['host', 'abd'], ['abd', 'x']],
      [['host', 'ab'], ['ab', 'x']],
      [['host', 'abcd'], ['abcd', 'x']],
      [['host', 'abc'], ['abc', 'x']],
    ]);
  });

  test('a volume may have only subvolumes besides its type', () => {
    const g = parseVolfile(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', 'type debug/trace', 'subvolumes a a', 'end-volume'), 'x');
    expect(g.top.children.map((c) => c.name)).toEqual(['a', 'a']);
  });
});

describe('volfile parse errors: GlusterFS messages and lines', () => {
  test('missing type', () => {
    expect(failure(lines('volume a', '    option k v', 'end-volume'))).toBe('bad.vol:3: Volume a, before line 3: Please specify volume type');
  });

  test('subvolumes before any type', () => {
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', '  subvolumes a', 'end-volume'))).toBe(
      'bad.vol:6: Volume b, before line 6: Please specify volume type',
    );
  });

  test('type with no word', () => {
    expect(failure(lines('volume a', '    type', '    option k v', 'end-volume'))).toBe('bad.vol:3: Volume a, before line 3: Please specify volume type');
  });

  test('missing end-volume at the end of the file: reported at the volume header', () => {
    expect(failure(lines('volume x', 'type debug/sink', 'option k v', 'end-volume', 'volume a', '    type debug/sink', '    option k v'))).toBe(
      "bad.vol:5: 'end-volume' not defined for volume 'a'",
    );
  });

  test('a new volume inside one (missing end-volume)', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option k v', 'volume b', '    type debug/sink'))).toBe(
      'bad.vol:4: new volume (b) definition in line 4 unexpected',
    );
  });

  test('volume defined twice', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option k v', 'end-volume', '', 'volume a', '    type debug/sink', 'end-volume'))).toBe(
      "bad.vol:6: Line 6: volume 'a' defined again",
    );
  });

  test('duplicate option', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option k v', '    option k w', 'end-volume'))).toBe(
      "bad.vol:4: Volume 'a', line 4: duplicate entry ('option k') present",
    );
  });

  test('duplicate option after the subvolumes line', () => {
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', 'type debug/trace', 'option k v', 'subvolumes a', 'option k w', 'end-volume'))).toBe(
      "bad.vol:9: Volume 'b', line 9: duplicate entry ('option k') present",
    );
  });

  test('duplicate type', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    type debug/trace', '    option k v', 'end-volume'))).toBe(
      "bad.vol:3: line 3: duplicate 'type' defined for volume 'a'",
    );
  });

  test('duplicate subvolumes', () => {
    expect(
      failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', 'type debug/trace', 'subvolumes a', 'option x y', 'subvolumes a', 'end-volume')),
    ).toBe("bad.vol:9: line 9: duplicate 'subvolumes' defined for volume 'b'");
  });

  test('undefined subvolume (or one defined later)', () => {
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', 'type debug/trace', 'subvolumes a', '   c', 'end-volume', 'volume c'))).toBe(
      "bad.vol:8: Volume 'b', line 8: subvolume 'c' is not defined prior to usage",
    );
  });

  test('a volume as its own subvolume', () => {
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', 'type debug/trace', 'subvolumes a b', 'end-volume'))).toBe(
      "bad.vol:7: Volume 'b', line 7: has 'b' itself as subvolume",
    );
  });

  test('an option with three words', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option test and test', 'end-volume'))).toBe(
      `bad.vol:3: syntax error: line 3 (volume 'a'): "test"\n${ALLOWED}()`,
    );
  });

  test('option with one word', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option lonely', 'end-volume'))).toBe(
      'bad.vol:4: Volume a, before line 4: Please specify option <key> <value>',
    );
    expect(failure(lines('volume a', '    type debug/sink', '    option'))).toBe('bad.vol:3: Volume a, before line 3: Please specify option <key> <value>');
  });

  test('a type and nothing else', () => {
    expect(failure(lines('volume sink', '    type debug/sink', 'end-volume'))).toBe('bad.vol:3: Volume sink, before line 3: Please specify option <key> <value>');
  });

  test('empty subvolumes', () => {
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'volume b', '    type debug/trace', '    subvolumes', 'end-volume'))).toBe(
      'bad.vol:8: Volume b, before line 8: Please specify subvolumes',
    );
  });

  test('an unknown keyword', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    new-option k v', 'end-volume'))).toBe(
      `bad.vol:3: syntax error: line 3 (volume 'a'): "new-option"\n${ALLOWED}()`,
    );
  });

  test('keywords are lower case (except Subvolumes)', () => {
    expect(failure(lines('Volume a', '    type debug/sink', 'end-volume'))).toBe(`bad.vol:1: syntax error in line 1: "Volume"\n(${ALLOWED})`);
    expect(failure(lines('volume a', '    type debug/sink', '    OPTION k v', 'end-volume'))).toBe(`bad.vol:3: syntax error: line 3 (volume 'a'): "OPTION"\n${ALLOWED}()`);
  });

  test('type after options', () => {
    expect(failure(lines('volume a', '    option k v', '    type debug/sink', 'end-volume'))).toBe(`bad.vol:3: syntax error: line 3 (volume 'a'): "type"\n${ALLOWED}()`);
  });

  test('content outside a volume (a missing volume header)', () => {
    expect(failure(lines('    type debug/sink', '    option k v', 'end-volume'))).toBe(`bad.vol:1: syntax error in line 1: "type"\n(${ALLOWED})`);
    expect(failure(lines('volume a', 'type debug/sink', 'option k v', 'end-volume', 'end-volume'))).toBe(`bad.vol:5: syntax error in line 5: "end-volume"\n(${ALLOWED})`);
  });

  test('volume without a name', () => {
    expect(failure('\n\nvolume\n')).toBe('bad.vol:3: syntax error in line 3: unexpected end of file');
    expect(failure(lines('volume', '  type debug/sink'))).toBe(`bad.vol:2: syntax error in line 2: "type"\n(${ALLOWED})`);
  });

  test('a file with no volume', () => {
    expect(failure('')).toBe('bad.vol:1: syntax error in line 1: unexpected end of file (no volume defined)');
    expect(failure(lines('# only', '# comments', ''))).toBe('bad.vol:3: syntax error in line 3: unexpected end of file (no volume defined)');
  });

  test('an unknown xlator type', () => {
    expect(failure(lines('volume a', '    type cluster/replicat', '    option k v', 'end-volume'))).toBe(
      "bad.vol:2: Volume 'a', line 2: type 'cluster/replicat' is not valid or not found on this machine",
    );
  });

  test('unterminated quote', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option k "v', 'end-volume'))).toBe('bad.vol:3: syntax error in line 3: unterminated quoted string');
    expect(failure('volume a\n type debug/sink\n option k "v\\')).toBe('bad.vol:3: syntax error in line 3: unterminated quoted string');
  });

  test('backticks are refused: shdsim never runs commands', () => {
    expect(failure(lines('volume a', '    type debug/sink', '    option host `hostname`', 'end-volume'))).toBe(
      'bad.vol:3: backtick command substitution in volume specification file at line (3), column (17) is not supported: shdsim never runs commands',
    );
    expect(failure(lines('volume a', '    type debug/sink', '    option host `hostname`', '# `', 'end-volume'))).toBe(
      'bad.vol:4: Unterminated backtick in volume specification file at line (4), column (3).',
    );
  });

  test('the file name in errors is the one given', () => {
    expect(failure('volume a\n', '/var/lib/glusterd/vols/r2/r2-shd.vol')).toBe("/var/lib/glusterd/vols/r2/r2-shd.vol:1: 'end-volume' not defined for volume 'a'");
  });
});

describe('the real sample volfiles', () => {
  test('thin-arbiter shd volfile (tests/thin-arbiter.rc), variables filled in', () => {
    const g = parseVolfile(fixture('ta-glustershd.vol'), 'ta-glustershd.vol');
    expect(g.top.name).toBe('glustershd');
    expect(g.top.type).toBe('debug/io-stats');
    expect(g.xlators.length).toBe(5);
    expect(g.clientCount).toBe(3);
    expect(g.clients().map((x) => x.name)).toEqual(['patchy-replicate-0-client-0', 'patchy-replicate-0-client-1', 'patchy-replicate-0-thin-arbiter-client']);
    expect(g.clusters().map((x) => x.name)).toEqual(['patchy-replicate-0']);
    expect(g.leafCount).toBe(3);
    const afr = g.get('patchy-replicate-0')!;
    expect(afr.options.size).toBe(45);
    expect(afr.options.get('iam-self-heal-daemon')).toBe('yes');
    expect(afr.options.get('heal-timeout')).toBe('10');
    expect(afr.options.get('thin-arbiter')).toBe('h1:/d/backends/ta');
    expect(g.get('patchy-replicate-0-client-0')!.options.size).toBe(23);
    expect(g.get('patchy-replicate-0-thin-arbiter-client')!.options.size).toBe(21);
    expect(g.get('patchy-replicate-0-client-0')!.options.get('remote-port')).toBe('49152');
    expect(g.top.options.size).toBe(22);
  });

  test('the filled-in fixture is the template with its variables substituted', () => {
    const filled = fixture('ta-glustershd.vol.tmpl')
      .replaceAll('${V0}', 'patchy')
      .replaceAll('$H0', 'h1')
      .replaceAll('$b0_port', '49152')
      .replaceAll('$b1_port', '49153')
      .replaceAll('$ta_port', '49154')
      .replaceAll('$b0', '/d/backends/brick0')
      .replaceAll('$b1', '/d/backends/brick1')
      .replaceAll('$ta', '/d/backends/ta');
    expect(filled).toBe(fixture('ta-glustershd.vol'));
    expect(filled.includes('$')).toBe(false);
  });

  test('the template itself parses (shell variables are plain words)', () => {
    const g = parseVolfile(fixture('ta-glustershd.vol.tmpl'), 'ta.tmpl');
    expect(g.top.children.map((c) => c.name)).toEqual(['${V0}-replicate-0']);
  });

  test('volspec client graph', () => {
    const g = parseVolfile(fixture('volspec-client.vol'), 'client.vol');
    expect(g.top.name).toBe('sq');
    expect(g.xlators.map((x) => x.type)).toEqual([
      'protocol/client', 'features/utime', 'performance/md-cache', 'performance/write-behind',
      'performance/open-behind', 'performance/nl-cache', 'debug/io-stats',
    ]);
    expect(g.clientCount).toBe(1);
    expect(g.leafCount).toBe(1);
    expect(g.clusters()).toEqual([]);
    expect(g.get('sq-md-cache')!.options.size).toBe(0);
  });

  test('thin-arbiter brick graph', () => {
    const g = parseVolfile(fixture('thin-arbiter-brick.vol'), 'ta-brick.vol');
    expect(g.top.name).toBe('ta-server');
    expect(g.top.type).toBe('protocol/server');
    expect(g.xlators.length).toBe(8);
    expect(g.clientCount).toBe(0);
    expect(g.top.children.map((c) => c.name)).toEqual(['/mnt/thin-arbiter']);
    expect(g.top.options.get('auth.addr./mnt/thin-arbiter.allow')).toBe('*');
  });
});
