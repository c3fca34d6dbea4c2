import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../machine/compile.js';
import { stateTargets } from '../machine/targets.js';
import { hasErrors } from './issues.js';
import { flowArb, shuffled } from './testing/arbitrary-flow.js';
import { validateFlow } from './validate.js';

const RUNS = { numRuns: 300 };

describe('validateFlow and compileFlow on random flows', () => {
  it('validateFlow never throws', () => {
    fc.assert(fc.property(flowArb, (doc) => {
      const issues = validateFlow(doc);
      expect(Array.isArray(issues)).toBe(true);
    }), RUNS);
  });

  it('generates enough valid flows to make the compile properties meaningful', () => {
    const docs = fc.sample(flowArb, { numRuns: 300, seed: 42 });
    expect(docs.filter((d) => !hasErrors(validateFlow(d))).length).toBeGreaterThan(60);
  });

  it('every document without errors compiles, to a closed machine; every document with errors is refused', () => {
    fc.assert(fc.property(flowArb, (doc) => {
      const result = compileFlow(doc);
      expect(result.ok).toBe(!hasErrors(validateFlow(doc)));
      if (!result.ok) return;
      const m = result.machine;
      expect(m.states[m.initial]).toBeDefined();
      for (const s of Object.values(m.states)) for (const t of stateTargets(s)) expect(m.states[t]).toBeDefined();
    }), RUNS);
  });

  it('compilation is deterministic and independent of node and edge order', () => {
    fc.assert(fc.property(flowArb, fc.integer(), (doc, seed) => {
      const a = compileFlow(doc);
      if (!a.ok) return;
      const b = compileFlow(structuredClone(doc));
      const c = compileFlow(shuffled(doc, seed));
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(JSON.stringify(c)).toBe(JSON.stringify(a));
    }), RUNS);
  });
});
