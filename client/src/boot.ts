import type { createTRPCQueryUtils } from '@trpc/react-query';
import type { AppRouter } from '../../server/trpc/routers/_app.js';
import { matchPath } from 'react-router';
import { DesignerPage } from './lazy-pages.js';
import { DESIGNER_FLOW_ROUTE } from './routes.js';

type Utils = ReturnType<typeof createTRPCQueryUtils<AppRouter>>;

let bootFlowId: string | null = null;

/**
 * Start what the page the app opens on needs before React first renders, instead of one after the
 * other (session, then the page's code, then its data): the session always, and on `/designer/:id`
 * the flow and the designer's code as well. Both queries are issued in the same tick, so they travel
 * as one batched request (a flow the visitor may not read then fails inside a 207, not as a 4xx the
 * browser logs before the login page shows). Resolves when the page's code is loaded.
 */
export function prefetchForUrl(pathname: string, utils: Utils): Promise<unknown> {
  void utils.auth.me.prefetch();
  const flowId = matchPath(DESIGNER_FLOW_ROUTE, pathname)?.params.flowId;
  if (!flowId) return Promise.resolve();
  bootFlowId = flowId;
  void utils.flows.get.prefetch({ id: bootFlowId });
  return DesignerPage.preload();
}

/**
 * True once, for the flow fetched at boot: that copy is as fresh as a fetch on mount, so the designer
 * need not fetch it again. Later visits to the flow refetch as always.
 */
export function takeBootFlow(flowId: string): boolean {
  if (bootFlowId !== flowId) return false;
  bootFlowId = null;
  return true;
}

/** A session ended: the flow fetched at boot was the last user's, never reuse it. */
export function forgetBootFlow(): void {
  bootFlowId = null;
}
