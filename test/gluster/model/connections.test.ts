/**
 * Connections (reference §3.1 table, §3.3): the shd's protocol/client reconnects every 3 s while its
 * brick is away (a portmap query to the brick host's glusterd first; "failed to get the port number"
 * logged once until it reconnects), and glusterd's rpc to a new shd connects on its 3 s retry.
 */
import { RECONNECT_INTERVAL } from '../../../sim/gluster/rpc/protocol.js';
import { Driver, MODES, S, rep3 } from './helpers.js';

const RTT = 200; // model.net_rtt default, µs

/** h1's shd client of h3's brick of volume v. */
function client(d: Driver, v = 'v') {
  for (const g of d.shd('h1')!.graphs) for (const c of g.clients) if (c.host === 'h3' && c.path === `/bricks/${v}`) return c;
  throw new Error('no client');
}

test('reference constant: rpc reconnect every 3 s', () => expect(RECONNECT_INTERVAL).toBe(S(3)));

describe.each(MODES)('%s: shd client of a brick that went away', (mode) => {
  test('retries every 3 s (+ the portmap round trip); connects at the first retry after the brick is back', () => {
    const d = new Driver(mode);
    for (const s of rep3('v')) d.exec(s);
    d.wait(S(10));
    const pid = d.shd('h1')!.pid;
    const killed = d.now;
    d.exec('kill-brick h3:/bricks/v');
    expect(client(d).state).toBe('disconnected');
    d.wait(S(20) + 123_456); // not a multiple of the retry period
    expect(d.logCount('h1', 'glustershd', '114058')).toBe(1); // port lookup failure, logged once
    const f = d.start('gluster volume start v force');
    d.until(() => f.done, S(5));
    const back = d.events('brick-start', 'h3').at(-1)!.at;
    if (mode === 'legacy') {
      // Legacy's manager restarted the shd with the brick already up: a fresh connection.
      expect(d.shd('h1')!.pid).not.toBe(pid);
      return;
    }
    expect(d.shd('h1')!.pid).toBe(pid);
    const connected = d.until(() => client(d).state === 'connected', S(4));
    expect(connected).not.toBeNull();
    // Retry n's portmap answer comes at killed + n × (3 s + RTT); the first at or after the brick's
    // start is followed by the TCP connect and SETVOLUME (2 RTT).
    const n = Math.ceil((back - killed) / (RECONNECT_INTERVAL + RTT));
    expect(connected).toBe(killed + n * (RECONNECT_INTERVAL + RTT) + 2 * RTT);
    expect(connected! - back).toBeLessThanOrEqual(RECONNECT_INTERVAL + 3 * RTT);
    expect(d.logCount('h1', 'glustershd', '114046')).toBe(3 + 1); // "Connected to …": 3 at start + this one
  });
});

test('mux: glusterd connects to a new shd 3 s after it spawned it (first try before it listens)', () => {
  const d = new Driver('mux');
  for (const s of rep3('v')) d.exec(s);
  const spawned = d.events('shd-start', 'h1')[0]!.at;
  const online = d.until(() => d.shdPid('v', 'h1') > 0, S(10));
  expect(online).toBe(spawned + RECONNECT_INTERVAL);
});
