import { parseDuration, formatDuration, seconds, US_PER_S } from '../../sim/engine/time.js';

describe('time', () => {
  test('durations parse to whole microseconds', () => {
    expect(parseDuration('45s')).toBe(45 * US_PER_S);
    expect(parseDuration('1.5m')).toBe(90 * US_PER_S);
    expect(parseDuration('100ms')).toBe(100_000);
    expect(parseDuration('2h')).toBe(7200 * US_PER_S);
    expect(parseDuration('1d')).toBe(86400 * US_PER_S);
    expect(parseDuration('7')).toBe(7 * US_PER_S);
    expect(parseDuration('250us')).toBe(250);
    expect(parseDuration('1.5')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
    expect(parseDuration('-5s')).toBeNull();
  });

  test('formatting is short and exact', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(seconds(3725.5))).toBe('1h2m5.5s');
    expect(formatDuration(1500)).toBe('1.5ms');
    expect(formatDuration(7)).toBe('7us');
    expect(formatDuration(seconds(60))).toBe('1m');
  });
});
