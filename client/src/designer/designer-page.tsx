import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { takeBootFlow } from '../boot.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { lastFlowKey } from './files/last-flow.js';
import { StartScreen } from './files/start-screen.js';
import type { LoadedFlow } from './types.js';
import { Workspace } from './workspace.js';

const WRITERS = ['planner', 'trainer', 'admin'];
const loading = (text: string) => <div className="p-8 text-slate-500" data-testid="designer-loading">{text}</div>;

/** `/designer/:flowId` opens a flow; `/designer` reopens the last edited one if it is still there, else shows the start screen. */
export function DesignerPage() {
  const { flowId } = useParams();
  return flowId ? <FlowLoader key={flowId} flowId={flowId} /> : <LastFlowOrStart />;
}

function LastFlowOrStart() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSession((s) => s.user);
  const last = user ? localStorage.getItem(lastFlowKey(user.id)) : null;
  // Only reopen a flow that still exists and that this user may still see. Ask the list, not the flow
  // itself: a deleted flow would answer 404, which the browser logs as a failed request.
  const list = trpc.flows.list.useQuery(undefined, { enabled: !!last, retry: false });
  const found = !!last && !!list.data?.some((f) => f.id === last);
  const gone = !!last && (!!list.error || (!!list.data && !found));
  useEffect(() => {
    if (!user || !last) return;
    if (found) void navigate(`/designer/${last}`, { replace: true });
    else if (gone) localStorage.removeItem(lastFlowKey(user.id));
  }, [user, last, found, gone, navigate]);
  if (!user || (last && !gone)) return loading(t('common.loading'));
  return <StartScreen canWrite={user.roles.some((r) => WRITERS.includes(r))} />;
}

function FlowLoader({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  // Opening a flow always fetches its latest revision, unless the app has just fetched it at boot.
  const [fresh] = useState(() => takeBootFlow(flowId));
  const flow = trpc.flows.get.useQuery({ id: flowId }, { staleTime: Infinity, refetchOnMount: fresh ? false : 'always', retry: false });
  useEffect(() => {
    if (user && flow.data) localStorage.setItem(lastFlowKey(user.id), flowId);
    if (user && flow.error?.data?.code === 'NOT_FOUND') localStorage.removeItem(lastFlowKey(user.id));
  }, [user, flow.data, flow.error, flowId]);
  if (flow.isLoading) return loading(t('common.loading'));
  if (flow.error || !flow.data) return <StartScreen canWrite={!!user?.roles.some((r) => WRITERS.includes(r))} problem={flow.error?.message ?? t('common.error')} />;
  return <Workspace key={flowId} flow={flow.data as LoadedFlow} />;
}
