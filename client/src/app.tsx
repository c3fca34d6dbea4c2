import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import {
  ApprovalInboxPage, AuditPage, DesignerPage, FitPage, FlowListPage, ReportPage, RunDashboardPage, RunsListPage, TemplateGalleryPage, TracePage, UsersPage, WorkbenchPage,
} from './lazy-pages.js';
import { useSession } from './lib/session-store.js';
import { DESIGNER_FLOW_ROUTE } from './routes.js';
import { LoginPage } from './pages/login-page.js';
import { AppShell } from './shell/app-shell.js';
import { trpc } from './trpc.js';

/** Routes. Every page but login sits inside the shell and needs a session. */
export function App() {
  const { t } = useTranslation();
  const me = trpc.auth.me.useQuery();
  const { user, set } = useSession();
  useEffect(() => {
    if (me.data !== undefined) set(me.data?.user ?? null, me.data?.csrfToken ?? null);
  }, [me.data, set]);

  if (me.isLoading) return <div className="p-8 text-slate-500">{t('common.loading')}</div>;
  if (!user && !me.data) {
    return (
      <Routes>
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  // Agents only work queues: their home is the workbench, not the designer they may not use.
  const who = user ?? me.data?.user ?? null;
  const home = who && who.roles.every((r) => r === 'agent') ? '/workbench' : '/designer';
  return (
    <AppShell>
      <Suspense fallback={<div className="p-8 text-slate-500">{t('common.loading')}</div>}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          <Route path="/login" element={<Navigate to={home} replace />} />
          <Route path="/designer" element={<DesignerPage />} />
          <Route path={DESIGNER_FLOW_ROUTE} element={<DesignerPage />} />
          <Route path="/flows" element={<FlowListPage />} />
          <Route path="/approvals" element={<ApprovalInboxPage />} />
          <Route path="/templates" element={<TemplateGalleryPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/runs" element={<RunsListPage />} />
          <Route path="/runs/:runId" element={<RunDashboardPage />} />
          <Route path="/runs/:runId/report" element={<ReportPage />} />
          <Route path="/trace" element={<TracePage />} />
          <Route path="/workbench" element={<WorkbenchPage />} />
          <Route path="/fit" element={<FitPage />} />
          <Route path="*" element={<div className="p-8 text-slate-500">{t('errors.notFound')}</div>} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
