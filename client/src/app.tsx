import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import {
  AdminPage, ApprovalInboxPage, AuditPage, DesignerPage, FitPage, FlowListPage, ReportPage, RunDashboardPage, RunsListPage, TemplateGalleryPage, TracePage, UsersPage, WorkbenchPage,
} from './lazy-pages.js';
import type { Role } from '../../shared/roles.js';
import { AttributesGate } from './lib/attributes.js';
import { CatalogueGate } from './lib/catalogue.js';
import { useSession } from './lib/session-store.js';
import { DESIGNER_FLOW_ROUTE } from './routes.js';
import { LoginPage } from './pages/login-page.js';
import { AppShell } from './shell/app-shell.js';
import { NotFound } from './shell/not-found.js';
import { homeFor, isAppPage, landingFor, loginPathFor, mayOpen, rolesFor } from './shell/home.js';
import { NoAccess } from './shell/no-access.js';
import { trpc } from './trpc.js';

/**
 * Routes by session: nobody logged in sees only the login page (any other address sends there, keeping
 * the way back); a logged-in user sees the pages of their roles, inside the shell.
 */
export function App() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const set = useSession((s) => s.set);
  // Asked once, at boot. Afterwards login, logout and an expired session (trpc.ts) say who is here, so a
  // late answer for the previous user can never log them back in.
  const me = trpc.auth.me.useQuery(undefined, { enabled: status === 'unknown' });
  useEffect(() => {
    if (status !== 'unknown') return;
    if (me.data !== undefined) set(me.data?.user ?? null, me.data?.csrfToken ?? null);
    else if (me.isError) set(null, null);
  }, [status, me.data, me.isError, set]);

  if (status === 'unknown') return <div className="p-8 text-slate-500">{t('common.loading')}</div>;
  if (status === 'out') {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<ToLogin />} />
      </Routes>
    );
  }
  return (
    <AppShell>
      <Suspense fallback={<div className="p-8 text-slate-500">{t('common.loading')}</div>}>
        <RoleGate>
          <CatalogueGate>
          <AttributesGate>
          <Routes>
            <Route path="/" element={<ToHome />} />
            <Route path="/login" element={<AfterLogin />} />
            <Route path="/designer" element={<DesignerPage />} />
            <Route path={DESIGNER_FLOW_ROUTE} element={<DesignerPage />} />
            <Route path="/flows" element={<FlowListPage />} />
            <Route path="/approvals" element={<ApprovalInboxPage />} />
            <Route path="/templates" element={<TemplateGalleryPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/users" element={<UsersPage />} />
            <Route path="/admin" element={<AdminPage />} />
            <Route path="/admin/:section" element={<AdminPage />} />
            <Route path="/runs" element={<RunsListPage />} />
            <Route path="/runs/:runId" element={<RunDashboardPage />} />
            <Route path="/runs/:runId/report" element={<ReportPage />} />
            <Route path="/trace" element={<TracePage />} />
            <Route path="/workbench" element={<WorkbenchPage />} />
            <Route path="/fit" element={<FitPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
          </AttributesGate>
          </CatalogueGate>
        </RoleGate>
      </Suspense>
    </AppShell>
  );
}

const NO_ROLES: readonly Role[] = [];
const useRoles = () => useSession((s) => s.user?.roles ?? NO_ROLES);

/** What the login page's history entry remembers: the session ended under the user (or whoever was here before). */
interface LoginState { expired: true }

/** Logged out on some page: to the login page, coming back here afterwards — unless the user chose to log out. */
function ToLogin() {
  const { pathname, search } = useLocation();
  const ended = useSession((s) => s.ended);
  const state: LoginState | null = ended === 'expired' ? { expired: true } : null;
  return <Navigate to={loginPathFor(ended === 'logout' ? null : pathname + search)} state={state} replace />;
}

function ToHome() {
  return <Navigate to={homeFor(useRoles())} replace />;
}

/**
 * Just logged in (the login page's address): back to `?next=` — a link opened while logged out always (its
 * page says if this role may not open it), the page a session expired on only if this role may open it.
 */
function AfterLogin() {
  const roles = useRoles();
  const { search, state } = useLocation();
  const next = new URLSearchParams(search).get('next');
  return <Navigate to={landingFor(roles, next, (state as LoginState | null)?.expired !== true)} replace />;
}

/**
 * A page the user's roles may not open (typed address, a bookmark, a colleague's link) says so and which
 * roles may, rather than showing a page of 403s or sending the user elsewhere without a word.
 */
function RoleGate({ children }: { children: ReactNode }) {
  const roles = useRoles();
  const { pathname } = useLocation();
  return isAppPage(pathname) && !mayOpen(roles, pathname) ? <NoAccess roles={rolesFor(pathname)} home={homeFor(roles)} /> : children;
}
