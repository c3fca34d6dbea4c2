import type { Express, Request, Response } from 'express';
import { authOf, requireSession } from '../auth/request-session.js';
import type { AppServices } from '../core/context.js';
import { MONITOR_ROLES, runAccess } from './access.js';
import { reportCsv } from './csv.js';
import { evaluationReport } from './report.js';

/**
 * `GET /api/runs/:id/report.csv?lang=zh|en`: the evaluation report as a CSV download. Needs a session
 * with a monitoring role that may see the run's org unit (401 without one, 403 otherwise).
 */
export function registerMonitoringHttp(app: Express, services: AppServices): void {
  app.get('/api/runs/:id/report.csv', requireSession(MONITOR_ROLES), (req: Request, res: Response) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) return void res.status(400).json({ error: 'run id must be a positive integer' });
    const access = runAccess(services.db, authOf(req)!.user, id);
    if (!access.ok) return void res.status(access.status).json({ error: access.status === 404 ? `no run ${id}` : 'forbidden: the run belongs to another unit' });
    const lang = req.query.lang === 'en' ? 'en' : 'zh';
    const csv = reportCsv(evaluationReport(services.db, id), lang);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="run-${id}-report.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(csv);
  });
}
