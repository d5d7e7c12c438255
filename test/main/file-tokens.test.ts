import { describe, expect, it } from 'vitest';
import { FileSource } from '../../src-main/contract/file-source';
import { createFileTokenRegistry, FILE_TOKEN_PATTERN } from '../../src-main/core/file-tokens';

/** A clock the test moves by hand: no sleeping. */
function manualClock(start = Date.UTC(2026, 11, 2, 4, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('file token registry', () => {
  it('issues an opaque token of a fixed shape that the contract accepts, and redeems it for the path once', () => {
    const files = createFileTokenRegistry();
    const token = files.issue('/home/dana/photos/gate.jpg');
    expect(token).toMatch(FILE_TOKEN_PATTERN);
    expect(token).not.toContain('gate');
    expect(FileSource.safeParse({ token }).success).toBe(true);
    expect(files.take(token)).toBe('/home/dana/photos/gate.jpg');
    expect(files.take(token)).toBeNull();
  });

  it('gives each registration its own token, even for the same file', () => {
    const files = createFileTokenRegistry();
    const a = files.issue('/tmp/a.pdf');
    const b = files.issue('/tmp/a.pdf');
    expect(a).not.toBe(b);
    expect(files.take(b)).toBe('/tmp/a.pdf');
    expect(files.take(a)).toBe('/tmp/a.pdf');
  });

  it('refuses an unknown token, a malformed one and a path passed where a token belongs', () => {
    const files = createFileTokenRegistry();
    files.issue('/tmp/a.pdf');
    expect(files.take('A'.repeat(43))).toBeNull();
    expect(files.take('/proc/self/environ')).toBeNull();
    expect(files.take('')).toBeNull();
    expect(FileSource.safeParse({ token: '/proc/self/environ' }).success).toBe(false);
    expect(FileSource.safeParse({ path: '/proc/self/environ' }).success).toBe(false);
  });

  it('refuses a token once it has expired, by the injected clock', () => {
    const clock = manualClock();
    const files = createFileTokenRegistry({ now: clock.now, ttlMs: 60_000 });
    const early = files.issue('/tmp/early.pdf');
    const late = files.issue('/tmp/late.pdf');
    clock.advance(59_999);
    expect(files.take(early)).toBe('/tmp/early.pdf');
    clock.advance(1);
    expect(files.take(late)).toBeNull();
    expect(files.size()).toBe(0);
  });

  it('keeps at most maxEntries outstanding tokens, dropping the oldest', () => {
    const files = createFileTokenRegistry({ maxEntries: 2 });
    const first = files.issue('/tmp/1');
    const second = files.issue('/tmp/2');
    const third = files.issue('/tmp/3');
    expect(files.size()).toBe(2);
    expect(files.take(first)).toBeNull();
    expect(files.take(second)).toBe('/tmp/2');
    expect(files.take(third)).toBe('/tmp/3');
  });

  it('refuses to register an empty path or one with a NUL byte', () => {
    const files = createFileTokenRegistry();
    expect(() => files.issue('')).toThrow();
    expect(() => files.issue('/tmp/a\0b')).toThrow();
  });
});
