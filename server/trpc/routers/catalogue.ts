import { z } from 'zod';
import { getCatalogue } from '../../../shared/catalogue/active.js';
import { catalogueIdSchema, channelSchema, groupSchema, orgUnitSchema, planSchema, productSchema } from '../../../shared/catalogue/schema.js';
import { driftByFlow } from '../../catalogue/drift.js';
import { deletePlan, deleteProduct, saveChannel, saveGroup, saveOrgUnit, savePlan, saveProduct } from '../../catalogue/edit.js';
import { catalogueVersion } from '../../catalogue/store.js';
import { procedure, router } from '../trpc.js';

const mode = z.enum(['create', 'update']);

/**
 * The catalogue (#18 item 1): everyone logged in reads it (designer, validator, reports); province admins
 * edit it, each edit audited. `get` answers the active catalogue, which the request context has just
 * brought up to the store's version.
 */
export const catalogueRouter = router({
  get: procedure('any').query(({ ctx }) => ({ version: catalogueVersion(ctx.db), catalogue: getCatalogue() })),
  saveProduct: procedure(['admin']).input(z.object({ mode, product: productSchema })).mutation(({ ctx, input }) => saveProduct(ctx.db, ctx.user!, input.product, input.mode)),
  deleteProduct: procedure(['admin']).input(z.object({ id: catalogueIdSchema })).mutation(({ ctx, input }) => deleteProduct(ctx.db, ctx.user!, input.id)),
  saveChannel: procedure(['admin']).input(z.object({ channel: channelSchema })).mutation(({ ctx, input }) => saveChannel(ctx.db, ctx.user!, input.channel)),
  saveGroup: procedure(['admin']).input(z.object({ group: groupSchema })).mutation(({ ctx, input }) => saveGroup(ctx.db, ctx.user!, input.group)),
  savePlan: procedure(['admin']).input(z.object({ mode, plan: planSchema })).mutation(({ ctx, input }) => savePlan(ctx.db, ctx.user!, input.plan, input.mode)),
  deletePlan: procedure(['admin']).input(z.object({ id: catalogueIdSchema })).mutation(({ ctx, input }) => deletePlan(ctx.db, ctx.user!, input.id)),
  saveOrgUnit: procedure(['admin']).input(z.object({ mode, unit: orgUnitSchema })).mutation(({ ctx, input }) => saveOrgUnit(ctx.db, ctx.user!, input.unit, input.mode)),
  /** What changed since publish, per running flow (one flow with `flowId`). */
  drift: procedure(['planner', 'supervisor', 'admin', 'trainer']).input(z.object({ flowId: z.string().min(1).max(100).optional() }))
    .query(({ ctx, input }) => driftByFlow(ctx.db, ctx.user!, input.flowId)),
});
