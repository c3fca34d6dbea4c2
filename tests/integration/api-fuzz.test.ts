import fc from 'fast-check';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../server/app.js';
import { appRouter } from '../../server/trpc/routers/_app.js';
import { createTestServices } from '../support/test-services.js';
import { fixtureFlow } from './governance/fixture-flow.js';

/**
 * No client input makes the API answer 500 (#20 item 8): random inputs to every procedure, and
 * documents mutated at random paths to the designer's save, through the real HTTP app.
 */
let services: ReturnType<typeof createTestServices>;
let server: Server;
let base: string;
const sessions: Record<string, { cookie: string; csrf: string }> = {};

beforeAll(async () => {
  services = createTestServices(300);
  server = await new Promise((ok) => { const s = createApp(services).listen(0, '127.0.0.1', () => ok(s)); });
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  for (const username of ['admin', 'planner', 'supervisor', 'agent']) {
    const res = await fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Linkage@2026' }) });
    const { result } = (await res.json()) as { result: { data: { csrfToken: string } } };
    sessions[username] = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: result.data.csrfToken };
  }
}, 300_000);
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  services.cleanup();
});

type Kind = 'query' | 'mutation';
const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: Kind } }>)
  // Logging out or changing the password would end the sessions the other calls use.
  .filter(([path]) => !['auth.logout', 'auth.changePassword'].includes(path))
  .map(([path, p]) => ({ path, type: p._def.type }));
// Queries carry their input in the URL: keep it under Node's header limit (a 431 is no 500, but proves nothing).
const fitsUrl = (input: unknown) => encodeURIComponent(toJson(input)).length < 12_000;

async function call(as: string, path: string, type: Kind, input: unknown): Promise<{ status: number; text: string }> {
  const s = sessions[as]!;
  const res = type === 'query'
    ? await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(toJson(input))}`, { headers: { cookie: s.cookie } })
    : await fetch(`${base}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: toJson(input) });
  return { status: res.status, text: await res.text() };
}

/**
 * Arrays nested 50–6,000 deep: a parser or validator that recurses must not blow its stack into a 500.
 * Generated as a marker string and spliced into the JSON text, so fast-check never walks (or prints) them.
 */
const DEEP = /"\\u0000deep:(\d+)"/g;
const deep = fc.integer({ min: 50, max: 6000 }).map((d) => `\u0000deep:${d}`);
const toJson = (input: unknown): string => (JSON.stringify(input) ?? 'null').replace(DEEP, (_m, d: string) => `${'['.repeat(Number(d))}${']'.repeat(Number(d))}`);
const json = fc.oneof({ weight: 9, arbitrary: fc.jsonValue({ maxDepth: 4 }) }, { weight: 1, arbitrary: deep });
/** Inputs shaped like the API's: objects with the keys procedures read, holding anything. */
const KEYS = ['id', 'flowId', 'runId', 'customerId', 'query', 'document', 'revision', 'segment', 'orgUnit', 'status', 'comment', 'jobId', 'userId', 'roles', 'password', 'channel', 'queueId', 'category', 'lang', 'template', 'name'];
const shaped = fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 5 });

test('random inputs to every procedure never answer 500', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...PROCEDURES), fc.constantFrom('admin', 'planner', 'supervisor', 'agent'), fc.oneof(json, shaped), async (p, as, input) => {
      if (p.type === 'query' && !fitsUrl(input)) return;
      const r = await call(as, p.path, p.type, input);
      expect(r.status, `${p.path} as ${as} with ${JSON.stringify(input)}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
    }),
    { numRuns: 400 },
  );
});

/** Replace the value at a random path of a document with something random: the kind of edit a broken client or a hand-written import makes. */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[path[0]! % keys.length]!;
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string, unknown>;
  copy[key] = mutate(copy[key], path.slice(1), value);
  return copy;
}

test('documents mutated at random paths never make flows.save answer 500', async () => {
  const created = await call('planner', 'flows.create', 'mutation', { document: fixtureFlow('fuzz', 'gz') });
  const id = (JSON.parse(created.text) as { result: { data: { id: string } } }).result.data.id;
  const valid = { ...fixtureFlow(id, 'gz'), id };
  let revision = 1;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }), fc.oneof(json, fc.constantFrom(null, -1, 1e308, '', '__proto__', 'constructor', [], {})), async (path, value) => {
      const r = await call('planner', 'flows.save', 'mutation', { id, revision, document: mutate(valid, path, value) });
      expect(r.status, `path ${path.join('.')} = ${JSON.stringify(value)}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
      if (r.status === 200) revision++;
    }),
    { numRuns: 600 },
  );
});
