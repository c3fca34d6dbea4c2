import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

describe('circuit breaker', () => {
  it('opens after N consecutive failures, probes once after the cool-down, closes on the probe\'s success', () => {
    const b = new CircuitBreaker({ failures: 3, coolDownMs: 1000 });
    expect(b.allowance(0)).toBe(Infinity);
    b.failure(1);
    b.failure(2);
    b.success();
    b.failure(3);
    b.failure(4);
    expect(b.state(5)).toBe('closed');
    b.failure(5);
    expect(b.state(6)).toBe('open');
    expect(b.allowance(900)).toBe(0);
    expect(b.allowance(1005)).toBe(1);
    // one probe at a time
    expect(b.allowance(1006)).toBe(0);
    b.success();
    expect(b.state(1007)).toBe('closed');
    expect(b.allowance(1007)).toBe(Infinity);
  });

  it('opens again for a full cool-down when the probe fails, and hands back an unused probe', () => {
    const b = new CircuitBreaker({ failures: 1, coolDownMs: 100 });
    b.failure(0);
    expect(b.allowance(100)).toBe(1);
    b.failure(100);
    expect(b.state(150)).toBe('open');
    expect(b.allowance(199)).toBe(0);
    expect(b.allowance(200)).toBe(1);
    b.release();
    expect(b.allowance(201)).toBe(1);
  });

  it('tells onChange of each transition only: opened (and re-opened by a failed probe), then closed', () => {
    const seen: (number | null)[] = [];
    const b = new CircuitBreaker({ failures: 2, coolDownMs: 100, onChange: (openedAt) => seen.push(openedAt) });
    b.failure(1);
    b.success();
    b.failure(2);
    b.failure(3);
    expect(b.allowance(103)).toBe(1);
    b.failure(103);
    expect(b.allowance(203)).toBe(1);
    b.success();
    b.success();
    expect(seen).toEqual([3, 103, null]);
  });
});
