import type { inferRouterOutputs } from '@trpc/server';
import type { FlowDocument } from '../../../shared/flow/document.js';
import type { AppRouter } from '../../../server/trpc/routers/_app.js';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
/** A flow as `flows.get` returns it. JSON inference loosens `data: unknown` to optional; the server parsed it. */
export type LoadedFlow = Omit<RouterOutputs['flows']['get'], 'document'> & { document: FlowDocument };
