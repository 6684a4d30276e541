import { EventQueue, type Target } from '../../sim/engine/queue.js';

class Tag implements Target {
  constructor(readonly label: string) {}
  fire(): boolean {
    return true;
  }
}

function drain(q: EventQueue): string[] {
  const out: string[] = [];
  while (q.size > 0) {
    const t = q.pop();
    out.push(`${t}:${q.poppedTarget!.label}`);
  }
  return out;
}

describe('EventQueue', () => {
  test('pops in time order', () => {
    const q = new EventQueue(2);
    for (const t of [50, 10, 40, 20, 30]) q.push(t, new Tag(`e${t}`), 0);
    expect(drain(q)).toEqual(['10:e10', '20:e20', '30:e30', '40:e40', '50:e50']);
  });

  test('equal times run first-in first-out', () => {
    const q = new EventQueue(4);
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    // interleave two instants so the heap has to reorder around the ties
    labels.forEach((l, i) => q.push(i % 2 === 0 ? 7 : 3, new Tag(l), 0));
    expect(drain(q)).toEqual(['3:b', '3:d', '3:f', '3:h', '3:j', '7:a', '7:c', '7:e', '7:g', '7:i']);
  });

  test('keeps order over many random pushes and interleaved pops (grows past its capacity)', () => {
    const q = new EventQueue(1);
    let x = 12345;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 1000;
    const popped: [number, number][] = [];
    let seq = 0;
    for (let round = 0; round < 2000; round++) {
      q.push(rand(), new Tag(String(seq++)), 0);
      if (round % 3 === 2) {
        const t = q.pop();
        popped.push([t, Number(q.poppedTarget!.label)]);
      }
    }
    expect(q.size).toBe(2000 - popped.length);
    // every remaining pop is non-decreasing in (time, seq)
    let last: [number, number] = [-1, -1];
    while (q.size) {
      const t = q.pop();
      const s = Number(q.poppedTarget!.label);
      expect(t > last[0] || (t === last[0] && s > last[1])).toBe(true);
      last = [t, s];
    }
    expect(q.pushed).toBe(2000);
  });

  test('hands back the token stored with the entry', () => {
    const q = new EventQueue();
    const tag = new Tag('x');
    q.push(5, tag, 41);
    q.push(1, tag, 7);
    expect(q.pop()).toBe(1);
    expect(q.poppedToken).toBe(7);
    expect(q.pop()).toBe(5);
    expect(q.poppedToken).toBe(41);
    expect(q.peekTime()).toBe(Infinity);
  });
});
