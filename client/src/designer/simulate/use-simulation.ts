import { useEffect, useState } from 'react';
import { trpc } from '../../trpc.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import type { SimSummary } from '../store/types.js';

const POLL_MS = 400;

/** Start a simulation of the current document and poll its status into the run overlay slice. */
export function useSimulation() {
  const api = useDesignerApi();
  const utils = trpc.useUtils();
  const [error, setError] = useState<string | null>(null);
  const start = trpc.sim.start.useMutation();
  const run = useDesigner((s) => s.run);
  const jobId = run && !run.done && !run.error ? run.jobId : null;

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const st = await utils.client.sim.status.query({ jobId });
        if (stopped || api.getState().run?.jobId !== jobId) return;
        api.getState().setRun({ jobId, progress: st.progress, done: st.done, summary: (st.summary as SimSummary | undefined) ?? null, error: st.error ?? null });
        if (!st.done && !st.error) timer = setTimeout(() => void poll(), POLL_MS);
        else if (st.done) api.getState().setShowOverlay(true);
      } catch (e) {
        if (!stopped) api.getState().setRun({ jobId, progress: 0, done: false, summary: null, error: e instanceof Error ? e.message : String(e) });
      }
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => { stopped = true; clearTimeout(timer); };
  }, [jobId, api, utils]);

  return {
    error,
    starting: start.isPending,
    start: (opts: { customers: number; seed: number; days: number }) => {
      setError(null);
      start.mutate({ document: api.getState().doc, ...opts }, {
        onSuccess: (r) => api.getState().setRun({ jobId: r.jobId, progress: 0, done: false, summary: null, error: null }),
        onError: (e) => setError(e.message),
      });
    },
  };
}
