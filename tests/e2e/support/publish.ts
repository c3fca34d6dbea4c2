import type { FlowDocument } from '../../../shared/flow/document.js';
import { callApi } from './browser.js';
import type { E2eApp } from './app.js';

/**
 * A flow published the way the roles do it, through the API of the page's session: the planner creates
 * and submits it, the supervisor approves and publishes it. Leaves the supervisor logged in; returns the
 * flow's id and its run's.
 */
export async function publishThroughApproval(app: Pick<E2eApp, 'page' | 'db' | 'switchTo'>, document: FlowDocument): Promise<{ flowId: string; runId: number }> {
  const api = <T>(path: string, input: unknown) => callApi<T>(app.page, path, input, 'mutation');
  await app.switchTo('planner');
  const { id } = await api<{ id: string }>('flows.create', { document });
  await api('governance.submit', { flowId: id });
  await app.switchTo('supervisor');
  await api('governance.approve', { flowId: id });
  await api('governance.publish', { flowId: id });
  return { flowId: id, runId: app.db.prepare('SELECT id FROM runs WHERE flow_id = ?').pluck().get(id) as number };
}
