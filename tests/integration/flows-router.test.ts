import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FlowDocument } from '../../shared/flow/document.js';
import { openHarness, type Harness } from './governance/harness.js';

/** flows.* through createCaller on a real temp SQLite file. */
let h: Harness;
beforeAll(() => { h = openHarness(50); });
afterAll(() => h.close());

const code = async (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

describe('flows router', () => {
  test('create → get → save bumps the revision; a stale revision is a CONFLICT and writes nothing', async () => {
    const planner = h.as('planner');
    const { id, revision } = await planner.flows.create({ name: '流量包加油' });
    expect(revision).toBe(1);
    const flow = await planner.flows.get({ id });
    expect(flow.document.id).toBe(id);
    expect(flow.document.orgUnit).toBe('gz');
    expect(flow.canEdit).toBe(true);

    const tabA: FlowDocument = { ...flow.document, description: 'tab A' };
    const saved = await planner.flows.save({ id, revision: 1, document: tabA });
    expect(saved.revision).toBe(2);

    // Tab B still holds revision 1: refused, with a message that says what happened.
    const tabB: FlowDocument = { ...flow.document, description: 'tab B' };
    const err = await planner.flows.save({ id, revision: 1, document: tabB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('CONFLICT');
    expect((err as TRPCError).message).toMatch(/revision 1.*latest is 2/);
    expect((await planner.flows.get({ id })).document.description).toBe('tab A');
  });

  test('validates documents at the boundary and keeps id and org unit', async () => {
    const planner = h.as('planner');
    const { id } = await planner.flows.create({});
    const flow = await planner.flows.get({ id });
    expect(await code(planner.flows.save({ id, revision: flow.revision, document: { nope: true } }))).toBe('BAD_REQUEST');
    expect(await code(planner.flows.save({ id, revision: flow.revision, document: { ...flow.document, id: 'other-flow' } }))).toBe('BAD_REQUEST');
    await planner.flows.save({ id, revision: flow.revision, document: { ...flow.document, orgUnit: 'sz' } });
    expect((await planner.flows.get({ id })).document.orgUnit).toBe('gz');
  });

  test('supervisors read but cannot write; other cities cannot save', async () => {
    const { id } = await h.as('planner').flows.create({ name: 'x' });
    const flow = await h.as('supervisor').flows.get({ id });
    expect(flow.canEdit).toBe(false);
    expect(await code(h.as('supervisor').flows.save({ id, revision: 1, document: flow.document }))).toBe('FORBIDDEN');
    expect(await code(h.as('planner_sz').flows.save({ id, revision: 1, document: flow.document }))).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  test('lists the template files and creates a flow from one', async () => {
    const planner = h.as('planner');
    const templates = await planner.flows.templates();
    expect(templates.length).toBeGreaterThan(0);
    const first = templates.find((t) => t.ok)!;
    const { id } = await planner.flows.create({ template: first.file });
    const flow = await planner.flows.get({ id });
    expect(flow.document.nodes.length).toBeGreaterThan(0);
    expect(flow.fromTemplate).toBe(first.file);
    expect(await code(planner.flows.create({ template: '../package.json' }))).toBe('BAD_REQUEST');
  });

  test('imports a document as a new flow owned by the caller', async () => {
    const planner = h.as('planner');
    const { id } = await planner.flows.create({});
    const src = await planner.flows.get({ id });
    const copy = await planner.flows.create({ document: { ...src.document, name: '副本' } });
    expect(copy.id).not.toBe(id);
    expect((await planner.flows.get({ id: copy.id })).document.name).toBe('副本');
    expect((await planner.flows.list()).some((f) => f.id === copy.id)).toBe(true);
  });
});
