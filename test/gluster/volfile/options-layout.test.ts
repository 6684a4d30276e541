import {
  effectiveOption,
  isTrue,
  optionDefault,
  parseBoolean,
  validateVolumeOption,
  VOLUME_OPTIONS,
} from '../../../sim/gluster/volfile/options.js';
import {
  clientName,
  isShdCompatible,
  layoutProblems,
  subvolumeBricks,
  subvolumeCount,
  subvolumeName,
  subvolumeOfBrick,
} from '../../../sim/gluster/volfile/layout.js';
import { bricks, disperse, distribute, replicate } from './helpers.js';

describe('volume options', () => {
  test('defaults (reference §3.1)', () => {
    expect(optionDefault('cluster.heal-timeout')).toBe('600');
    expect(optionDefault('cluster.shd-max-threads')).toBe('1');
    expect(optionDefault('cluster.shd-wait-qlength')).toBe('1024');
    expect(optionDefault('cluster.self-heal-daemon')).toBe('on');
    expect(optionDefault('cluster.background-self-heal-count')).toBe('8');
    expect(optionDefault('cluster.eager-lock')).toBe('on');
    expect(optionDefault('cluster.data-self-heal-window-size')).toBe('8');
    expect(optionDefault('cluster.disperse-self-heal-daemon')).toBe('enable');
    expect(optionDefault('performance.flush-behind')).toBe('on');
    expect(optionDefault('disperse.shd-max-threads')).toBe('1');
    expect(optionDefault('disperse.shd-wait-qlength')).toBe('1024');
    expect(optionDefault('diagnostics.client-log-level')).toBe('INFO');
    expect(optionDefault('no.such.key')).toBeUndefined();
    expect(new Set(VOLUME_OPTIONS.map((o) => o.key)).size).toBe(VOLUME_OPTIONS.length);
  });

  test('effective value: the user value if set, else the default', () => {
    const set = new Map([['cluster.heal-timeout', '30'], ['my.key', 'v']]);
    expect(effectiveOption(set, 'cluster.heal-timeout')).toBe('30');
    expect(effectiveOption(set, 'cluster.shd-max-threads')).toBe('1');
    expect(effectiveOption(set, 'my.key')).toBe('v');
    expect(effectiveOption(set, 'other.key')).toBeUndefined();
  });

  test('integer ranges', () => {
    expect(validateVolumeOption('cluster.heal-timeout', '5')).toEqual({ ok: true, value: '5' });
    expect(validateVolumeOption('cluster.heal-timeout', '4')).toEqual({ ok: false, message: "'4' in 'option heal-timeout 4' is out of range [5 - 2147483647]" });
    expect(validateVolumeOption('cluster.heal-timeout', '10m')).toEqual({ ok: false, message: 'invalid number format "10m" in option "heal-timeout"' });
    expect(validateVolumeOption('cluster.shd-max-threads', '64')).toEqual({ ok: true, value: '64' });
    expect(validateVolumeOption('cluster.shd-max-threads', '65')).toEqual({ ok: false, message: "'65' in 'option shd-max-threads 65' is out of range [1 - 64]" });
    expect(validateVolumeOption('cluster.shd-max-threads', '0')).toEqual({ ok: false, message: "'0' in 'option shd-max-threads 0' is out of range [1 - 64]" });
    expect(validateVolumeOption('cluster.shd-wait-qlength', '655536')).toEqual({ ok: true, value: '655536' });
    expect(validateVolumeOption('cluster.shd-wait-qlength', '655537').ok).toBe(false);
    expect(validateVolumeOption('disperse.shd-wait-qlength', '65537')).toEqual({ ok: false, message: "'65537' in 'option shd-wait-qlength 65537' is out of range [1 - 65536]" });
    expect(validateVolumeOption('cluster.background-self-heal-count', '0')).toEqual({ ok: true, value: '0' });
    expect(validateVolumeOption('cluster.background-self-heal-count', '257').ok).toBe(false);
    expect(validateVolumeOption('cluster.data-self-heal-window-size', '1025').ok).toBe(false);
    expect(validateVolumeOption('disperse.shd-max-threads', '-1')).toEqual({ ok: false, message: "'-1' in 'option shd-max-threads -1' is out of range [1 - 64]" });
  });

  test('booleans: GlusterFS words, any case', () => {
    for (const v of ['on', 'off', 'enable', 'disable', 'yes', 'no', 'true', 'false', '1', '0', 'ON', 'Enable']) {
      expect(validateVolumeOption('cluster.self-heal-daemon', v)).toEqual({ ok: true, value: v });
    }
    expect(validateVolumeOption('cluster.self-heal-daemon', 'maybe')).toEqual({ ok: false, message: "option self-heal-daemon maybe: 'maybe' is not a valid boolean value" });
    expect(validateVolumeOption('performance.flush-behind', 'enabled')).toEqual({ ok: false, message: "option flush-behind enabled: 'enabled' is not a valid boolean value" });
    expect(isTrue('Enable')).toBe(true);
    expect(isTrue('yes')).toBe(true);
    expect(isTrue('1')).toBe(true);
    expect(isTrue('off')).toBe(false);
    expect(isTrue('disable')).toBe(false);
    expect(isTrue('garbage')).toBe(false);
    expect(parseBoolean('garbage')).toBeUndefined();
    expect(parseBoolean('FALSE')).toBe(false);
  });

  test('log levels', () => {
    expect(validateVolumeOption('diagnostics.client-log-level', 'DEBUG')).toEqual({ ok: true, value: 'DEBUG' });
    expect(validateVolumeOption('diagnostics.client-log-level', 'debug')).toEqual({ ok: true, value: 'debug' });
    expect(validateVolumeOption('diagnostics.client-log-level', 'LOUD')).toEqual({
      ok: false,
      message: "option log-level LOUD: 'LOUD' is not valid (possible options are DEBUG, WARNING, ERROR, INFO, CRITICAL, NONE, TRACE)",
    });
  });

  test('unknown keys are accepted as they are', () => {
    expect(validateVolumeOption('features.shard', 'whatever it is')).toEqual({ ok: true, value: 'whatever it is' });
  });
});

describe('volume layouts', () => {
  const dr = replicate('dr', 3, bricks(6, (i) => `/b${i}`));
  const ec = disperse('ec', 6, 2, bricks(12, (i) => `/e${i}`));
  const plain = distribute('plain', bricks(2, (i) => `/p${i}`));

  test('sets, their bricks and names', () => {
    expect(subvolumeCount(dr)).toBe(2);
    expect(subvolumeBricks(dr, 1)).toEqual([{ host: 'h1', path: '/b3' }, { host: 'h2', path: '/b4' }, { host: 'h3', path: '/b5' }]);
    expect(subvolumeName(dr, 1)).toBe('dr-replicate-1');
    expect(subvolumeCount(ec)).toBe(2);
    expect(subvolumeBricks(ec, 0).map((b) => b.path)).toEqual(['/e0', '/e1', '/e2', '/e3', '/e4', '/e5']);
    expect(subvolumeName(ec, 0)).toBe('ec-disperse-0');
    expect(clientName(ec, 11)).toBe('ec-client-11');
    expect(subvolumeOfBrick(ec, 7)).toBe(1);
    expect(subvolumeCount(plain)).toBe(0);
    expect(subvolumeOfBrick(plain, 1)).toBe(-1);
    expect(() => subvolumeName(plain, 0)).toThrow('volume plain is plain distribute: it has no replica or disperse sets');
    expect(() => subvolumeBricks(dr, 2)).toThrow('volume dr has no subvolume 2 (it has 2)');
  });

  test('shd compatibility', () => {
    expect(isShdCompatible(dr)).toBe(true);
    expect(isShdCompatible(ec)).toBe(true);
    expect(isShdCompatible(replicate('a', 3, bricks(3, (i) => `/a${i}`), [], 1))).toBe(true);
    expect(isShdCompatible(plain)).toBe(false);
  });

  test('impossible layouts', () => {
    expect(layoutProblems(dr)).toEqual([]);
    expect(layoutProblems(ec)).toEqual([]);
    expect(layoutProblems(plain)).toEqual([]);
    expect(layoutProblems(replicate('r', 1, bricks(2, (i) => `/r${i}`)))).toEqual(['volume r: replica count 1 is below 2']);
    expect(layoutProblems(replicate('r', 2, bricks(2, (i) => `/r${i}`), [], 1))).toEqual(['volume r: arbiter 1 needs replica 3 arbiter 1']);
    expect(layoutProblems(disperse('d', 6, 3, bricks(6, (i) => `/d${i}`)))).toEqual([
      'volume d: redundancy 3 must be at least 1 and less than half of disperse count 6',
    ]);
    expect(layoutProblems(disperse('d', 6, 2, bricks(7, (i) => `/d${i}`)))).toEqual(['volume d: 7 bricks are not a multiple of disperse count 6']);
    expect(layoutProblems(distribute('n', []))).toEqual(['volume n has no bricks']);
  });
});
