import { UserError } from '../../sim/errors.js';
import { parseOverrides, paramValue } from '../../sim/scenario/overrides.js';
import { errorsOf, load, yamlOf } from './helpers.js';

const PARAMS = ['params:', '  files: 100', '  vol: v0'];
const sets = (...raw: string[]) => ({ overrides: parseOverrides(raw) });

describe('--set', () => {
  test('KEY=VALUE is split at the first =; a malformed one is refused', () => {
    expect(parseOverrides(['files=3', 'model.faults=a,b', 'x==y'])).toEqual([
      { key: 'files', value: '3' },
      { key: 'model.faults', value: 'a,b' },
      { key: 'x', value: '=y' },
    ]);
    expect(() => parseOverrides(['files'])).toThrow(UserError);
    expect(() => parseOverrides(['=3'])).toThrow("--set '=3': expected KEY=VALUE, such as files=100 or model.detach=drain");
  });

  test('numeric strings become numbers', () => {
    expect(paramValue('12')).toBe(12);
    expect(paramValue('-3')).toBe(-3);
    expect(paramValue('2.5')).toBe(2.5);
    expect(paramValue('v1')).toBe('v1');
    expect(paramValue('1e3')).toBe('1e3');
  });

  test('a param override changes the params in force and every step that uses it', () => {
    const s = load(['mount ${vol} /mnt', 'touch /mnt/f{1..${files}}'], PARAMS, sets('files=2', 'vol=data'));
    expect(s.params).toEqual({ files: 2, vol: 'data' });
    expect(s.steps.map((x) => x.text)).toEqual(['mount data /mnt', 'touch /mnt/f{1..2}']);
  });

  test('a model override is checked and parsed like the file', () => {
    const s = load(['wait 1s'], ['model:', '  detach: enotconn'], sets('model.detach=drain', 'model.drain_timeout=2m', 'model.faults=attach-before-graph,attach-dead-process'));
    expect(s.model).toEqual({ detach: 'drain', drain_timeout: 120_000_000, faults: ['attach-before-graph', 'attach-dead-process'] });
  });

  test('unknown params and bad model values are refused, naming the file and what is known', () => {
    expect(errorsOf(yamlOf(['wait 1s'], PARAMS), sets('nfiles=3', 'model.detach=maybe', 'model.colour=red'))).toEqual([
      "s.yaml: --set nfiles=3: unknown param 'nfiles'; did you mean 'files'? (expected one of files, vol, or model.KEY)",
      's.yaml: --set model.detach=maybe: bad value "maybe" for model.detach (expected one of enotconn, drain)',
      `s.yaml: --set model.colour=red: unknown model setting 'colour' (expected one of version, detach, drain_timeout, glusterd_restart, faults, inode_table, sample_interval, net_rtt, net_bandwidth, brick_bandwidth, brick_latency, glusterd_op_time, process_start_time, graph_init_time_per_xlator, shd_exit_time, glusterd_start_time)`,
    ]);
    expect(errorsOf(yamlOf(['wait 1s']), sets('files=3'))).toEqual(["s.yaml: --set files=3: unknown param 'files' (expected no param: this scenario has none, or model.KEY)"]);
  });

  test('an override that makes a step invalid is blamed on the flag, with where the file uses it', () => {
    expect(errorsOf(yamlOf(['kill-node h${n}'], ['params:', '  n: 1']), sets('n=4'))).toEqual([
      "s.yaml: --set n=4: unknown host 'h4' (expected one of the cluster nodes: h1, h2, h3), where the file uses ${n} (line:col 7:15)",
    ]);
    // once however many steps use it; an error the flag did not cause keeps its line
    expect(errorsOf(yamlOf(['kill-node h${n}', 'wait ${n}x', 'kill-node h9'], ['params:', '  n: 1']), sets('n=4'))).toEqual([
      "s.yaml: --set n=4: unknown host 'h4' (expected one of the cluster nodes: h1, h2, h3), where the file uses ${n} (line:col 7:15)",
      expect.stringMatching(/^s\.yaml: --set n=4: .*, where the file uses \$\{n\} \(line:col 8:10\)$/),
      "s.yaml:9:15: unknown host 'h9' (expected one of the cluster nodes: h1, h2, h3)",
    ]);
  });
});
