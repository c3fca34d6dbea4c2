import { describe, expect, it } from 'vitest';
import { compileFlow } from '../machine/compile.js';
import { largeDoc } from './testing/build.js';
import { validateFlow } from './validate.js';

// Correctness at scale; speed is measured by hand (see the report), not asserted, so CI noise cannot fail it.
describe('a 10,000-node flow', () => {
  const doc = largeDoc(10_000);

  it('validates without errors, warning only about the contact cap', () => {
    expect(doc.nodes).toHaveLength(10_000);
    const issues = validateFlow(doc);
    expect(issues.map((i) => `${i.severity}:${i.code}`)).toEqual(['warning:CONTACT_CAP_EXCEEDED']);
    expect(issues[0]!.message.en).toContain('2500 times');
  });

  it('compiles', () => {
    const result = compileFlow(doc);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.machine.states).length).toBeGreaterThan(10_000);
  });

  it('reports a broken edge in it without throwing', () => {
    const broken = { ...doc, edges: [...doc.edges, { id: 'x', source: 'n5000', sourceHandle: 'nope', target: 'n1', targetHandle: null }] };
    expect(validateFlow(broken).map((i) => i.code)).toContain('DANGLING_EDGE');
    expect(compileFlow(broken).ok).toBe(false);
  });
});
