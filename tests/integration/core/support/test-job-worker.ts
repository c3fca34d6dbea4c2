/** A job thread for job-thread.test.ts: answers, stays silent, exits or throws, as each job asks. */
import { parentPort, threadId } from 'node:worker_threads';

export interface TestJob { id: number; act: 'answer' | 'hang' | 'exit' | 'throw' }
export type TestReply = { id: number; note: string } | { id: number; threadId: number };

parentPort!.on('message', ({ id, act }: TestJob) => {
  if (act === 'exit') process.exit(3);
  if (act === 'throw') throw new Error('thrown in the thread');
  if (act === 'answer') {
    parentPort!.postMessage({ id, note: 'working' } satisfies TestReply);
    parentPort!.postMessage({ id, threadId } satisfies TestReply);
  }
});
