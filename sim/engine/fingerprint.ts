/**
 * A running 64-bit hash of a trajectory: two independent 32-bit multiply-xor lanes fed with every
 * traced event's time, kind and entity. Not cryptographic; it only has to change when the trajectory
 * does, and be identical for identical runs (it uses no platform-dependent arithmetic).
 */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;
  private count = 0;

  get events(): number {
    return this.count;
  }

  update(time: number, kind: string, entity: string): void {
    this.word(time >>> 0);
    this.word(Math.floor(time / 4294967296) >>> 0);
    this.text(kind);
    this.text(entity);
    this.count++;
  }

  /** 16 hex digits. */
  hex(): string {
    const a = Fingerprint.avalanche(this.a ^ this.count);
    const b = Fingerprint.avalanche(this.b + Math.imul(this.count, 0x9e3779b1));
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }

  private text(s: string): void {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    this.word(0xffff_ffff); // separator, so ("ab","c") and ("a","bc") differ
  }

  private word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = Math.imul((this.b ^ w) + 0x7ed55d16, 0x5bd1e995);
    this.b ^= this.b >>> 15;
  }

  private static avalanche(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }
}
