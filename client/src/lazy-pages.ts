import { lazy, type ComponentType } from 'react';

/**
 * Route pages, each loaded on first visit so the login page and the shell stay small. The designer
 * (React Flow, editors), governance and monitoring pages (charts) each become their own chunks.
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

export const DesignerPage = page(() => import('./designer/designer-page.js'), 'DesignerPage');
export const ApprovalInboxPage = page(() => import('./governance/approval-inbox-page.js'), 'ApprovalInboxPage');
export const AuditPage = page(() => import('./governance/audit-page.js'), 'AuditPage');
export const FlowListPage = page(() => import('./governance/flow-list-page.js'), 'FlowListPage');
export const TemplateGalleryPage = page(() => import('./governance/template-gallery-page.js'), 'TemplateGalleryPage');
export const UsersPage = page(() => import('./governance/users-page.js'), 'UsersPage');
export const FitPage = page(() => import('./monitoring/fit-page.js'), 'FitPage');
export const ReportPage = page(() => import('./monitoring/report-page.js'), 'ReportPage');
export const RunDashboardPage = page(() => import('./monitoring/run-dashboard-page.js'), 'RunDashboardPage');
export const RunsListPage = page(() => import('./monitoring/runs-list-page.js'), 'RunsListPage');
export const TracePage = page(() => import('./monitoring/trace-page.js'), 'TracePage');
export const WorkbenchPage = page(() => import('./monitoring/workbench-page.js'), 'WorkbenchPage');
