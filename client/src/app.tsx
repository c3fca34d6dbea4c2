import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { DesignerPage } from './designer/designer-page.js';
import { ApprovalInboxPage } from './governance/approval-inbox-page.js';
import { AuditPage } from './governance/audit-page.js';
import { FlowListPage } from './governance/flow-list-page.js';
import { TemplateGalleryPage } from './governance/template-gallery-page.js';
import { UsersPage } from './governance/users-page.js';
import { useSession } from './lib/session-store.js';
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
  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<Navigate to="/designer" replace />} />
        <Route path="/login" element={<Navigate to="/designer" replace />} />
        <Route path="/designer" element={<DesignerPage />} />
        <Route path="/designer/:flowId" element={<DesignerPage />} />
        <Route path="/flows" element={<FlowListPage />} />
        <Route path="/approvals" element={<ApprovalInboxPage />} />
        <Route path="/templates" element={<TemplateGalleryPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="*" element={<div className="p-8 text-slate-500">{t('errors.notFound')}</div>} />
      </Routes>
    </AppShell>
  );
}
