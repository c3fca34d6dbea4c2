import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ZodError } from 'zod';
import { zodErrorMessage } from '../../../server/trpc/zod-error.js';
import { openHarness, type Harness } from '../governance/harness.js';
import { newPhone } from './fixtures.js';

/**
 * The import history (最近的导入) names each job's file as the admin uploaded it and who ran it, so an
 * operator can tell imports apart; a district admin still sees only the district's jobs.
 */
type Caller = ReturnType<Harness['as']>;
let h: Harness;
let dir: string;

beforeAll(() => {
  h = openHarness(50);
  dir = mkdtempSync(join(tmpdir(), 'linkage-data-history-'));
  h.services.config = { ...h.services.config, DATABASE_PATH: join(dir, 'store.db') };
  const id = h.db.prepare(`INSERT INTO users (username, display_name, password_hash, org_unit, disabled, created_at) VALUES ('admin_th', '天河管理', 'x', 'gz_tianhe', 0, '2026-01-01') RETURNING id`).pluck().get() as number;
  h.db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(id);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  h.close();
});

/** Upload a DND list of these phones and import it under `fileName`; wait for its end. */
async function importDnd(as: Caller, phones: string[], fileName?: string): Promise<string> {
  const { uploadId } = await as.data.upload({ chunkBase64: Buffer.from(`phone\n${phones.join('\n')}\n`).toString('base64') });
  const { jobId } = await as.data.start({ dataset: 'dnd', uploadId, ...(fileName === undefined ? {} : { fileName }) });
  await vi.waitFor(async () => expect((await as.data.status({ jobId })).status).not.toBe('running'), { timeout: 30_000, interval: 30 });
  return jobId;
}

const seedPhone = () => h.db.prepare('SELECT phone FROM subscribers ORDER BY id LIMIT 1').pluck().get() as string;

describe('data.jobs: which file, who ran it', () => {
  test('each job carries the uploaded file name and the admin who ran it; a district admin sees only the district\'s jobs', async () => {
    const province = await importDnd(h.as('admin'), [seedPhone()], '免打扰名单 2026-12.csv');
    // a district admin's list naming a customer outside the district fails, and is still in the history
    const district = await importDnd(h.as('admin_th'), [newPhone(1)], '<img src=x onerror=alert(1)> 天河名单.csv');

    const all = await h.as('admin').data.jobs({});
    const provinceJob = all.find((j) => j.id === province)!;
    expect(provinceJob).toMatchObject({ status: 'succeeded', fileName: '免打扰名单 2026-12.csv', userName: h.db.prepare("SELECT display_name FROM users WHERE username = 'admin'").pluck().get() });
    // the name is kept as text, as typed: React escapes it on the page
    expect(all.find((j) => j.id === district)).toMatchObject({ fileName: '<img src=x onerror=alert(1)> 天河名单.csv', userName: '天河管理', orgUnit: 'gz_tianhe' });

    const own = await h.as('admin_th').data.jobs({});
    expect(own.map((j) => j.id)).toEqual([district]);
    expect((await h.as('admin_th').data.status({ jobId: district })).fileName).toBe('<img src=x onerror=alert(1)> 天河名单.csv');
  });

  test('the name is a label: a path keeps only its last part, control characters go; too long is refused naming the field', async () => {
    const admin = h.as('admin');
    const pathLike = await importDnd(admin, [seedPhone()], '..\\..\\etc/pass\u0000wd.csv');
    expect((await admin.data.status({ jobId: pathLike })).fileName).toBe('passwd.csv');
    const unnamed = await importDnd(admin, [seedPhone()]);
    expect((await admin.data.status({ jobId: unnamed })).fileName).toBeNull();

    const { uploadId } = await admin.data.upload({ chunkBase64: Buffer.from(`phone\n${seedPhone()}\n`).toString('base64') });
    const e = await admin.data.start({ dataset: 'dnd', uploadId, fileName: `${'名'.repeat(252)}.csv` }).then(() => null, (err: unknown) => err as { code: string; cause: unknown });
    expect(e?.code).toBe('BAD_REQUEST');
    expect(e!.cause).toBeInstanceOf(ZodError);
    // what the client is answered (trpc.ts formats every input refusal so)
    expect(zodErrorMessage(e!.cause as ZodError)).toBe('fileName：不能超过 255 个字 / fileName: must not be longer than 255 characters');
  });

  test('a job from before names were kept lists with no file name (the page shows —)', async () => {
    const userId = h.userId('admin');
    h.db.prepare(`INSERT INTO data_import_jobs (id, dataset, user_id, org_unit, file, options, status, created_at, updated_at) VALUES ('old-job', 'dnd', ?, 'province', '/tmp/x', '{}', 'succeeded', 1, 1)`).run(userId);
    const old = (await h.as('admin').data.jobs({ dataset: 'dnd' })).find((j) => j.id === 'old-job');
    expect(old).toMatchObject({ fileName: null, userId });
  });
});
