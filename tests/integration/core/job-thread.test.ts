import { describe, expect, test } from 'vitest';
import { jobThread } from '../../../server/core/job-thread.js';
import type { TestJob, TestReply } from './support/test-job-worker.js';

function testThread() {
  const run = jobThread<TestJob, TestReply, number>(new URL('./support/test-job-worker.ts', import.meta.url), {
    idOf: (r) => r.id,
    outcome: (r) => ('note' in r ? null : { answer: r.threadId }),
    lost: (why) => new Error('error' in why ? `lost: ${why.error.message}` : `lost: exit ${why.exitCode}`),
  });
  let next = 1;
  return (act: TestJob['act'], onNote?: (r: TestReply) => void) => {
    const id = next++;
    return run(id, { id, act }, onNote);
  };
}

describe('a job thread', () => {
  test('answers each job by its id on one kept thread, passing notes on the way to their job', async () => {
    const job = testThread();
    const notes: TestReply[] = [];
    const [a, b] = await Promise.all([job('answer', (r) => notes.push(r)), job('answer')]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a);
    expect(notes).toEqual([{ id: 1, note: 'working' }]);
  });

  test('when the thread exits, every waiting job is rejected and the next job starts a fresh thread', async () => {
    const job = testThread();
    const first = await job('answer');
    const waiting = job('hang');
    const exiting = job('exit');
    await expect(waiting).rejects.toThrow('lost: exit 3');
    await expect(exiting).rejects.toThrow('lost: exit 3');
    const second = await job('answer');
    expect(second).not.toBe(first);
  });

  test('when the thread throws, its waiting jobs get the error and the next job runs on a fresh thread', async () => {
    const job = testThread();
    const first = await job('answer');
    const waiting = job('hang');
    await expect(job('throw')).rejects.toThrow('lost: thrown in the thread');
    await expect(waiting).rejects.toThrow('lost: thrown in the thread');
    // the thread's own exit follows its error and must not reach jobs of the next thread
    const next = job('answer');
    expect(await next).not.toBe(first);
  });
});
