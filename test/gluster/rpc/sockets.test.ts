import { AssertionError } from '../../../sim/engine/assert.js';
import { Simulation } from '../../../sim/engine/simulation.js';
import type { MgmtServer } from '../../../sim/gluster/rpc/protocol.js';
import { SocketTable } from '../../../sim/gluster/rpc/sockets.js';

const server = (pid: number): MgmtServer => ({ pid, ready: true, getspec: () => undefined, portmap: () => true });

describe("a node's socket table", () => {
  test('connect finds the listener by address and protocol; nothing listening is ECONNREFUSED (undefined)', () => {
    const t = new SocketTable(new Simulation({ seed: 1 }), 'h1');
    expect(t.connect('mgmt', 'tcp:24007', { clientPid: 5, onClose: () => undefined })).toBeUndefined();
    const g = server(1);
    t.listen('mgmt', 'tcp:24007', g);
    expect(t.connect('svc', 'tcp:24007', { clientPid: 5, onClose: () => undefined })).toBeUndefined();
    expect(t.connect('mgmt', 'tcp:24007', { clientPid: 5, onClose: () => undefined })?.server).toBe(g);
    expect(t.addressOf('mgmt', 1)).toBe('tcp:24007');
    expect(t.addressOf('mgmt', 2)).toBeUndefined();
  });

  test('closing a listener breaks its connections in client pid order; a hung-up one is not told', () => {
    const t = new SocketTable(new Simulation({ seed: 1 }), 'h1');
    t.listen('mgmt', 'tcp:24007', server(1));
    const closed: number[] = [];
    for (const pid of [9, 4, 7]) t.connect('mgmt', 'tcp:24007', { clientPid: pid, onClose: () => void closed.push(pid) });
    const gone = t.connect('mgmt', 'tcp:24007', { clientPid: 2, onClose: () => void closed.push(2) })!;
    gone.hangUp();
    expect(t.connections('tcp:24007').map((c) => c.clientPid)).toEqual([4, 7, 9]);
    t.close('tcp:24007', server(1));
    expect(closed).toEqual([4, 7, 9]);
    expect(t.peek('mgmt', 'tcp:24007')).toBeUndefined();
  });

  test('two live listeners on one address, or closing what one does not hold, are model bugs', () => {
    const t = new SocketTable(new Simulation({ seed: 3 }), 'h2');
    t.listen('mgmt', 'tcp:24007', server(1));
    expect(() => t.listen('mgmt', 'tcp:24007', server(2))).toThrow(AssertionError);
    expect(() => t.listen('mgmt', 'tcp:24007', server(2))).toThrow('h2: pid 2 listens on tcp:24007, where pid 1 already listens');
    expect(() => t.close('tcp:24007', server(2))).toThrow('h2: pid 2 closes tcp:24007, where it does not listen');
  });
});
