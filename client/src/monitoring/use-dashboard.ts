import { trpc } from '../trpc.js';

/** Refresh period of the live screens. */
export const LIVE_MS = 3000;

/** The run dashboard, refetched every few seconds while the run may still change. */
export function useDashboard(runId: number, bucket: 'auto' | 'hour' | 'day') {
  return trpc.monitoring.dashboard.useQuery({ runId, bucket }, {
    enabled: Number.isInteger(runId) && runId > 0,
    refetchInterval: (q) => (q.state.data && (q.state.data.run.status === 'completed' || q.state.data.run.status === 'stopped') ? false : LIVE_MS),
    refetchIntervalInBackground: false,
    placeholderData: (prev) => prev,
  });
}
