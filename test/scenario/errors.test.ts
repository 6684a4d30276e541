/**
 * Every error class of spec §3, each with its exact FILE:LINE:COL and its "(expected …)". Step
 * strings are list items at column 5 (`  - `), the first on line 5.
 */
import { errorsOf, stepErrors } from './helpers.js';

const HOSTS = '(expected one of the cluster nodes: h1, h2, h3)';

describe('errors: YAML and the top-level schema', () => {
  test('YAML syntax errors with their position', () => {
    expect(errorsOf('name: t\nsteps: [wait 1s\n')).toEqual([
      expect.stringMatching(/^s\.yaml:3:1: YAML: a "\[" list is not closed with "\]" .*\[parser: flow sequence in block collection must be sufficiently indented and end with a \]\]$/),
    ]);
    expect(errorsOf('name: t\nname: u\n')).toEqual(['s.yaml:2:1: YAML: this key is given twice in the same mapping [parser: map keys must be unique]']);
  });

  test('an empty file, a file that is no mapping', () => {
    expect(errorsOf('')).toEqual(['s.yaml:1:1: empty scenario (expected a mapping with name, cluster and steps)']);
    expect(errorsOf('- wait 1s\n')).toEqual(['s.yaml:1:1: the scenario must be a mapping (expected a mapping with keys name, description, cluster, params, model, steps)']);
  });

  test('unknown keys are refused with the expected ones', () => {
    expect(errorsOf('name: t\ncluster:\n  nodes: [h1]\n  disks: 2\nstep:\n  - wait 1s\n')).toEqual([
      "s.yaml:1:1: missing 'steps' (expected steps: a list of steps)",
      "s.yaml:4:3: unknown key 'disks' in cluster (expected one of nodes)",
      "s.yaml:5:1: unknown key 'step' in the scenario; did you mean 'steps'? (expected one of name, description, cluster, params, model, steps)",
    ]);
  });

  test('missing required keys and bad names', () => {
    expect(errorsOf('description: x\n')).toEqual([
      "s.yaml:1:1: missing 'name' (expected name: a name of [a-z0-9-], such as shd-mux-demo)",
      "s.yaml:1:1: missing 'cluster' (expected cluster: { nodes: [h1, h2, h3] })",
      "s.yaml:1:1: missing 'steps' (expected steps: a list of steps)",
    ]);
    expect(errorsOf('name: Bad_Name\ncluster: {nodes: [h1]}\nsteps: [wait 1s]\n')).toEqual(["s.yaml:1:7: bad name 'Bad_Name' (expected lower-case letters, digits and -, such as shd-mux-demo)"]);
  });

  test('nodes: empty, duplicated, not names', () => {
    expect(errorsOf('name: t\ncluster:\n  nodes: []\nsteps: [wait 1s]\n')).toEqual(['s.yaml:3:10: no nodes (expected at least one host name)']);
    expect(errorsOf('name: t\ncluster:\n  nodes: [h1, h2, h1]\nsteps: [wait 1s]\n')).toEqual(["s.yaml:3:19: host 'h1' is listed twice (expected unique host names)"]);
    expect(errorsOf('name: t\ncluster:\n  nodes: [h1, 7]\nsteps: [wait 1s]\n')).toEqual(['s.yaml:3:15: bad host name 7 (expected a host name such as h1)']);
    expect(errorsOf('name: t\ncluster:\n  nodes: h1\nsteps: [wait 1s]\n')).toEqual(['s.yaml:3:10: cluster.nodes must be a list (expected a list of host names such as [h1, h2, h3])']);
  });

  test('model: unknown setting at its key, bad value at the value', () => {
    expect(errorsOf('name: t\ncluster: {nodes: [h1]}\nmodel:\n  detach: sideways\n  colour: blue\n  faults: [nope]\nsteps: [wait 1s]\n')).toEqual([
      's.yaml:4:11: bad value "sideways" for model.detach (expected one of enotconn, drain)',
      "s.yaml:5:3: unknown model setting 'colour' (expected one of version, detach, drain_timeout, glusterd_restart, faults, inode_table, sample_interval, net_rtt, net_bandwidth, brick_bandwidth, brick_latency, glusterd_op_time, process_start_time, graph_init_time_per_xlator, shd_exit_time, glusterd_start_time)",
      's.yaml:6:11: bad value ["nope"] for model.faults (expected a list of: attach-before-graph, first-child-down-cleanup, attach-dead-process)',
    ]);
  });

  test('params: bad names and values', () => {
    expect(errorsOf('name: t\ncluster: {nodes: [h1]}\nparams:\n  my-files: 3\n  empty:\n  list: [1]\nsteps: [wait 1s]\n')).toEqual([
      "s.yaml:4:3: bad param name 'my-files' (expected a name of letters, digits and _)",
      "s.yaml:5:3: param 'empty' has no value (expected a number or a string)",
      "s.yaml:6:9: param 'list' must be a number or a string (expected a number or a string)",
    ]);
  });
});

describe('errors: step structure', () => {
  test('a step mapping without step or repeat, with a hint for an unquoted colon', () => {
    expect(stepErrors(['gluster volume set v0 key: 10'])).toEqual([
      "s.yaml:5:5: a step mapping needs a 'step' or a 'repeat' key (quote a step that contains ': ') (expected a step string (gluster, kill-brick, kill-glusterd, start-glusterd, kill-node, reboot, mount, umount, touch, write, wait, let, expect), or a mapping {step, modes} or {repeat, as, every, steps, modes})",
    ]);
  });

  test('unknown keys in step and repeat mappings, bad modes', () => {
    expect(stepErrors(['step: wait 1s\n    mode: [mux]', 'repeat: 2\n    times: 3\n    steps: [wait 1s]', 'step: wait 1s\n    modes: [fast]', 'step: wait 1s\n    modes: []'])).toEqual([
      "s.yaml:6:5: unknown key 'mode' in a step mapping; did you mean 'modes'? (expected one of step, modes)",
      "s.yaml:8:5: unknown key 'times' in a repeat step (expected one of repeat, as, every, steps, modes)",
      's.yaml:11:13: unknown mode "fast" (expected one of legacy, mux)',
      's.yaml:13:12: empty modes list (expected at least one of legacy, mux)',
    ]);
  });

  test('a step that is no string', () => {
    expect(stepErrors(['42', '[wait, 1s]'])).toEqual([
      expect.stringMatching(/^s\.yaml:5:5: a step must be a string \(expected /),
      expect.stringMatching(/^s\.yaml:6:5: a step must be a string or a mapping \(expected /),
    ]);
  });

  test('unknown step keyword, empty step', () => {
    expect(stepErrors(['frobnicate v0', '"  "'])).toEqual([
      "s.yaml:5:5: unknown step 'frobnicate' (expected one of gluster, kill-brick, kill-glusterd, start-glusterd, kill-node, reboot, mount, umount, touch, write, wait, let, expect)",
      's.yaml:6:6: empty step (expected a step: one of gluster, kill-brick, kill-glusterd, start-glusterd, kill-node, reboot, mount, umount, touch, write, wait, let, expect)',
    ]);
  });

  test('repeat: bad count, loop variable, every; missing steps', () => {
    expect(stepErrors(['repeat: many\n    steps: [wait 1s]', 'repeat: 2\n    as: 9i\n    steps: [wait 1s]', 'repeat: 2\n    every: 0s\n    steps: [wait 1s]', 'repeat: 2'])).toEqual([
      "s.yaml:5:13: bad repeat count 'many' (expected a whole number of iterations, such as 10 or ${volumes})",
      "s.yaml:8:9: bad loop variable name '9i' (expected a name of letters, digits and _ such as i)",
      "s.yaml:11:12: bad every '0s' (expected a positive duration: a duration such as 500ms, 45s, 1.5m, 2h)",
      "s.yaml:13:5: a repeat step needs 'steps' (expected steps: a list of the steps to repeat)",
    ]);
  });

  test('a loop variable may not hide a param', () => {
    expect(stepErrors(['repeat: 2\n    as: n\n    steps: [wait 1s]'], ['params:', '  n: 1'])).toEqual([
      "s.yaml:8:9: loop variable 'n' would hide the param or loop variable of that name (expected another name)",
    ]);
  });
});

describe('errors: ${} substitution', () => {
  test('an undefined name is reported at its own column', () => {
    expect(stepErrors(['touch /mnt/v0/f{1..${nfiles}}'])).toEqual(["s.yaml:5:26: undefined name 'nfiles' (expected a param or a loop variable; none is defined here)"]);
    expect(stepErrors(['"wait ${x}s"'])).toEqual(["s.yaml:5:13: undefined name 'x' (expected a param or a loop variable; none is defined here)"]);
    expect(stepErrors(['wait ${i+1}s'])).toEqual(["s.yaml:5:12: undefined name 'i' (expected a param or a loop variable; none is defined here)"]);
  });

  test('a step written over several lines: the error is at the start of the step', () => {
    expect(stepErrors(['kill-node\n    ${who}'])).toEqual(["s.yaml:5:5: undefined name 'who' (expected a param or a loop variable; none is defined here)"]);
    expect(stepErrors(['"kill-node \\u0068${who}"'])).toEqual(["s.yaml:5:5: undefined name 'who' (expected a param or a loop variable; none is defined here)"]);
  });

  test('in repeat values, and inside a loop body', () => {
    expect(stepErrors(['repeat: ${count}\n    steps: [wait 1s]', 'repeat: 2\n    as: i\n    steps:\n      - wait ${j}s'])).toEqual([
      "s.yaml:5:15: undefined name 'count' (expected a param or a loop variable; none is defined here)",
      "s.yaml:10:16: undefined name 'j'; did you mean 'i'? (expected a param or a loop variable: i)",
    ]);
  });

  test('arithmetic on a string param', () => {
    expect(stepErrors(['wait ${vol+1}s'], ['params:', '  vol: v0'])).toEqual([`s.yaml:7:12: 'vol' is "v0", not an integer (expected an integer value (or a whole number of seconds) for arithmetic)`]);
  });
});

describe('errors: arguments of commands', () => {
  test('gluster: missing and extra words, unknown subcommand', () => {
    expect(stepErrors(['gluster volume start', 'gluster volume start v0 now', 'gluster volume frob v0', 'gluster peer probe h2', 'gluster volume heal v0 info'])).toEqual([
      's.yaml:5:25: missing volume name (expected gluster volume start VOLUME [force])',
      "s.yaml:6:29: unexpected 'now' (expected gluster volume start VOLUME [force])",
      "s.yaml:7:20: unknown volume subcommand 'frob' (expected one of create, start, stop, delete, add-brick, remove-brick, set, reset, heal)",
      "s.yaml:8:13: only 'gluster volume …' commands are modelled, not 'gluster peer' (expected gluster volume create|start|stop|delete|add-brick|remove-brick|set|reset|heal ...)",
      "s.yaml:9:28: unknown heal action 'info' (expected enable, disable, full, or nothing for an index heal)",
    ]);
  });

  test('bricks: unknown host, relative path, not a brick', () => {
    expect(stepErrors(['gluster volume create v0 replica 3 h{1..4}:/bricks/v0', 'gluster volume create v2 h1:bricks/v2', 'kill-brick h1', 'gluster volume create v3 h1:/b/v3 replica 2'])).toEqual([
      `s.yaml:5:40: unknown host 'h4' ${HOSTS}`,
      's.yaml:6:33: brick path \'bricks/v2\' is not absolute (expected HOST:/PATH such as h1:/bricks/v0)',
      "s.yaml:7:16: 'h1' is not a brick (expected a brick HOST:PATH such as h1:/bricks/v0)",
      "s.yaml:8:39: 'replica' must come before the bricks (expected gluster volume create VOLUME [replica N [arbiter 1]] [disperse N] [redundancy R] HOST:PATH ... [force])",
    ]);
  });

  test('remove-brick needs force; arbiter needs replica 3', () => {
    expect(stepErrors(['gluster volume remove-brick v0 h1:/b/v0', 'gluster volume remove-brick v0 h1:/b/v0 start', 'gluster volume create v1 replica 2 arbiter 1 h1:/b h2:/b', 'gluster volume create v1 arbiter 1 h1:/b', 'gluster volume create v1 replica 3 arbiter 2 h{1..3}:/b'])).toEqual([
      's.yaml:5:44: remove-brick without force (expected force at the end: only the immediate removal is modelled)',
      "s.yaml:6:45: remove-brick start (data migration) is not modelled (expected force: only the immediate removal is modelled)",
      's.yaml:7:40: arbiter with replica 2 (expected replica 3 arbiter 1)',
      's.yaml:8:30: arbiter without replica (expected replica 3 arbiter 1)',
      's.yaml:9:40: arbiter 2 is not supported (expected arbiter 1)',
    ]);
  });

  test('counts, hosts, mountpoints', () => {
    expect(stepErrors(['gluster volume create v0 replica three h1:/b', 'kill-node h9', 'mount v0 mnt/v0', 'mount v0 /mnt/v0 on h7', 'reboot h1 down 2 days'])).toEqual([
      "s.yaml:5:38: bad replica count 'three' (expected a positive integer)",
      `s.yaml:6:15: unknown host 'h9' ${HOSTS}`,
      "s.yaml:7:14: bad mountpoint 'mnt/v0' (expected an absolute directory path such as /mnt/v0)",
      `s.yaml:8:25: unknown host 'h7' ${HOSTS}`,
      "s.yaml:9:22: unexpected 'days' (expected reboot HOST [down DURATION])",
    ]);
  });

  test('touch: not under a mountpoint, not in the mount root, before any mount', () => {
    expect(stepErrors(['touch /mnt/v0/f1', 'mount v0 /mnt/v0', 'touch /mnt/v1/f1', 'touch /mnt/v0/d/f1', 'touch /mnt/v0/a /mnt/w'])).toEqual([
      "s.yaml:5:11: '/mnt/v0/f1' is not under a mountpoint (expected a path under the mountpoint of an earlier mount step)",
      "s.yaml:7:11: '/mnt/v1/f1' is not under a mountpoint (expected a path under /mnt/v0)",
      "s.yaml:8:11: '/mnt/v0/d/f1' is not in the root directory of /mnt/v0 (expected /mnt/v0/NAME)",
      "s.yaml:9:21: '/mnt/w' is not under a mountpoint (expected a path under /mnt/v0)",
    ]);
  });

  test('a mount in one mode does not cover a touch in both', () => {
    expect(stepErrors(['step: mount v0 /mnt/v0\n    modes: [mux]', 'touch /mnt/v0/f1'])).toEqual([
      "s.yaml:7:11: '/mnt/v0/f1' is not under a mountpoint (expected a path under the mountpoint of an earlier mount step)",
    ]);
  });

  test('write: sizes, rate, missing keys, unknown mountpoint', () => {
    expect(stepErrors(['mount v0 /m', 'write /m files=10 size=lots', 'write /m files=0 size=1B', 'write /m size=1B', 'write /m files=1 size=1B rate=fast', 'write /x files=1 size=1B', 'write /m files=1 size=1B colour=red'])).toEqual([
      "s.yaml:6:28: bad size range 'lots' (expected sizes such as 4KiB..64MiB (units B, KiB, MiB, GiB))",
      "s.yaml:7:20: bad file count '0' (expected a positive integer)",
      's.yaml:8:21: missing files=N (expected write MOUNTPOINT files=N size=A..B [rate=R/s] [for=DURATION])',
      "s.yaml:9:35: bad rate 'fast' (expected files per second such as 10/s or 0.5/s)",
      "s.yaml:10:11: '/x' is not the mountpoint of an earlier mount step (expected one of /m)",
      "s.yaml:11:30: unexpected 'colour=red' (expected files=N, size=A..B, rate=R/s or for=DURATION)",
    ]);
  });

  test('durations', () => {
    expect(stepErrors(['wait soon', 'wait 1.5', 'wait', 'expect 1 == 1 within 3 weeks', 'expect 1 == 1 within'])).toEqual([
      "s.yaml:5:10: bad duration 'soon' (expected a duration such as 500ms, 45s, 1.5m, 2h)",
      "s.yaml:6:10: bad duration '1.5' (expected a duration such as 500ms, 45s, 1.5m, 2h)",
      's.yaml:7:9: missing duration (expected wait DURATION)',
      "s.yaml:8:28: unexpected 'weeks' (expected the end of the step after within DURATION)",
      's.yaml:9:25: missing duration after within (expected a duration such as 500ms, 45s, 1.5m, 2h)',
    ]);
  });
});

describe('errors: expressions', () => {
  test('unknown observable, wrong argument count, bad kind, bad host, bad brick', () => {
    expect(stepErrors(['expect shd_pids(v0, h1) == 1', 'expect shd_pid(v0) == 1', 'expect healer_threads(h1, dht) == 1', 'expect shd_count(h5) == 1', 'expect brick_up(h1:b) == 1', 'expect pending_heals(v0, h1) == 0'])).toEqual([
      "s.yaml:5:12: unknown observable 'shd_pids'; did you mean 'shd_pid'? (expected one of shd_count, shd_pid, pidfile, healer_threads, cleanup_threads, pending_heals, attached, shd_starts, brick_up, glusterd_up, log_lines, log_bytes, frames_unwound, frames_in_flight, heals_completed)",
      's.yaml:6:22: shd_pid takes 2 arguments, got 1 (expected shd_pid(VOLUME, HOST))',
      "s.yaml:7:31: bad healer kind 'dht' (expected afr or ec)",
      `s.yaml:8:22: unknown host 'h5' ${HOSTS}`,
      "s.yaml:9:24: brick path 'b' is not absolute (expected HOST:/PATH such as h1:/bricks/v0)",
      "s.yaml:10:30: pending_heals takes 1 argument, got 2 (expected pending_heals(VOLUME))",
    ]);
  });

  test('syntax: operators, names, parentheses', () => {
    expect(stepErrors(['expect shd_count == 1'])).toEqual(['s.yaml:5:12: shd_count needs its arguments (expected shd_count(HOST))']);
    expect(stepErrors(['expect shd_count(h1) = 1', 'expect pid == 1', 'expect (1 + 2 == 3', 'expect 1 == ', 'let = 3', 'let x == 3', 'expect 1 == 1 soon'])).toEqual([
      "s.yaml:5:26: unexpected '=' (expected a comparison == != <= >= < > or an operator + - * / %)",
      "s.yaml:6:12: unexpected name 'pid' (expected an integer, a $variable, an observable such as shd_count(HOST), or ( (a let variable is read as $pid))",
      "s.yaml:7:19: unexpected '==' (expected ')' or an operator + - * / %)",
      's.yaml:8:16: missing right-hand side (expected expect EXPR ==|!=|<|<=|>|>= EXPR [within DURATION])',
      's.yaml:9:9: missing variable name (expected let NAME = EXPR)',
      "s.yaml:10:11: unexpected '==' (expected '=' as in let NAME = EXPR)",
      "s.yaml:11:19: unexpected 'soon' (expected an operator + - * / %, 'within DURATION' or the end of the step)",
    ]);
  });

  test('$var: never set, set later, set in another mode only', () => {
    expect(stepErrors(['expect shd_count(h1) == $pid0', 'let pid0 = shd_pid(v0, h1)', 'step: let m = 1\n    modes: [mux]', 'expect $m == 1'])).toEqual([
      "s.yaml:5:29: $pid0 is not set by an earlier let step (expected a variable set by an earlier 'let NAME = …' step)",
      's.yaml:9:12: $m is only set in mode mux, but this step also runs in legacy (expected modes: [mux] on this step)',
    ]);
    expect(stepErrors(['let a = 1', 'expect $b == 1'])).toEqual(['s.yaml:6:12: $b is not set by an earlier let step (expected one of $a)']);
  });
});

describe('errors: all of a file at once', () => {
  test('every bad step is reported, in file order, and good steps between them do not hide them', () => {
    const errs = stepErrors(['wait soon', 'wait 1s', 'kill-node h9', 'repeat: 3\n    as: i\n    steps:\n      - kill-brick h${i+1}:/b', 'expect nope(1) == 1']);
    expect(errs).toEqual([
      "s.yaml:5:10: bad duration 'soon' (expected a duration such as 500ms, 45s, 1.5m, 2h)",
      `s.yaml:7:15: unknown host 'h9' ${HOSTS}`,
      `s.yaml:11:20: unknown host 'h4' ${HOSTS}`,
      "s.yaml:12:12: unknown observable 'nope' (expected one of shd_count, shd_pid, pidfile, healer_threads, cleanup_threads, pending_heals, attached, shd_starts, brick_up, glusterd_up, log_lines, log_bytes, frames_unwound, frames_in_flight, heals_completed)",
    ]);
  });

  test('the same error in every iteration is reported once; a runaway is cut at 50', () => {
    expect(stepErrors(['repeat: 100\n    steps: [frob]'])).toEqual([expect.stringContaining("s.yaml:6:13: unknown step 'frob'")]);
    const errs = stepErrors(['repeat: 60\n    as: i\n    steps: ["kill-node x${i}"]']);
    expect(errs).toHaveLength(51);
    expect(errs[0]).toBe(`s.yaml:7:24: unknown host 'x1'; did you mean 'h1'? ${HOSTS}`);
    expect(errs[50]).toBe('10 more error(s) not shown');
  });
});
