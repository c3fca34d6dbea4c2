import { createElement, lazy, type ComponentType } from 'react';

const RELOADED_AT = 'linkage.chunkReloadAt';

/**
 * A tab opened before a deploy asks for page chunks that are gone (their names carry the old build's
 * hashes) and would stay blank: load the new build instead, once — a second failure within a minute
 * is a real outage and is thrown.
 */
function reloadForNewBuild(error: unknown): Promise<never> {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return Promise.reject(error);
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
  return new Promise<never>(() => {});
}

/**
 * A route page loaded on first visit, so the login page and the shell stay small. `preload` starts
 * the download early (the page the app opens on, in parallel with its first requests); once loaded,
 * the page renders directly rather than through `lazy`, whose first render always suspends — and a
 * Suspense fallback, once shown, holds the page back for React's 300 ms reveal throttle.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType & { preload: () => Promise<unknown> } {
  let loading: Promise<ComponentType> | null = null;
  let loaded: ComponentType | null = null;
  const preload = () => (loading ??= load().then((m) => (loaded = m[name]), (e: unknown) => { loading = null; return reloadForNewBuild(e); }));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  const Page = () => createElement(loaded ?? Lazy);
  Page.preload = preload;
  return Page;
}

// The designer (React Flow, editors), governance and monitoring pages (charts) each become their own chunks.
export const DesignerPage = page(() => import('./designer/designer-page.js'), 'DesignerPage');
export const ApprovalInboxPage = page(() => import('./governance/approval-inbox-page.js'), 'ApprovalInboxPage');
export const AuditPage = page(() => import('./governance/audit-page.js'), 'AuditPage');
export const FlowListPage = page(() => import('./governance/flow-list-page.js'), 'FlowListPage');
export const TemplateGalleryPage = page(() => import('./governance/template-gallery-page.js'), 'TemplateGalleryPage');
export const AdminPage = page(() => import('./admin/admin-page.js'), 'AdminPage');
export const UsersPage = page(() => import('./governance/users-page.js'), 'UsersPage');
export const FitPage = page(() => import('./monitoring/fit-page.js'), 'FitPage');
export const ReportPage = page(() => import('./monitoring/report-page.js'), 'ReportPage');
export const RunDashboardPage = page(() => import('./monitoring/run-dashboard-page.js'), 'RunDashboardPage');
export const RunsListPage = page(() => import('./monitoring/runs-list-page.js'), 'RunsListPage');
export const TracePage = page(() => import('./monitoring/trace-page.js'), 'TracePage');
export const WorkbenchPage = page(() => import('./monitoring/workbench-page.js'), 'WorkbenchPage');
