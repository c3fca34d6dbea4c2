import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { FlowPicker } from './files/flow-picker.js';
import { lastFlowKey } from './files/last-flow.js';
import type { LoadedFlow } from './types.js';
import { Workspace } from './workspace.js';

/** `/designer/:flowId` opens a flow; `/designer` reopens the last one or starts a blank flow. */
export function DesignerPage() {
  const { flowId } = useParams();
  return flowId ? <FlowLoader key={flowId} flowId={flowId} /> : <StartPage />;
}

function StartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSession((s) => s.user);
  const create = trpc.flows.create.useMutation();
  const canWrite = !!user?.roles.some((r) => r === 'planner' || r === 'trainer' || r === 'admin');
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (!user || started) return;
    setStarted(true);
    const last = localStorage.getItem(lastFlowKey(user.id));
    if (last) return void navigate(`/designer/${last}`, { replace: true });
    if (canWrite) create.mutate({ name: t('designer.untitled') }, { onSuccess: (r) => navigate(`/designer/${r.id}`, { replace: true }) });
  }, [user, started, canWrite, create, navigate, t]);
  if (!canWrite) return <div className="mx-auto max-w-3xl p-8"><FlowPicker /></div>;
  if (create.error) return <p role="alert" className="p-8 text-danger">{create.error.message}</p>;
  return <div className="p-8 text-slate-500" data-testid="designer">{t('common.loading')}</div>;
}

function FlowLoader({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const flow = trpc.flows.get.useQuery({ id: flowId }, { staleTime: Infinity, refetchOnMount: 'always' });
  useEffect(() => {
    if (user && flow.data) localStorage.setItem(lastFlowKey(user.id), flowId);
    if (user && flow.error?.data?.code === 'NOT_FOUND') localStorage.removeItem(lastFlowKey(user.id));
  }, [user, flow.data, flow.error, flowId]);
  if (flow.isLoading) return <div className="p-8 text-slate-500" data-testid="designer">{t('common.loading')}</div>;
  if (flow.error || !flow.data) {
    return (
      <div className="mx-auto max-w-3xl p-8">
        <p role="alert" className="mb-4 text-danger">{flow.error?.message ?? t('common.error')}</p>
        <FlowPicker />
      </div>
    );
  }
  return <Workspace key={flowId} flow={flow.data as LoadedFlow} />;
}
