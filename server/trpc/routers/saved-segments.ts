import { z } from 'zod';
import { countSavedSegment, createSavedSegment, deleteSavedSegment, getSavedSegment, listSavedSegments, savedSegmentInputSchema, updateSavedSegment, usedBy } from '../../segments/store.js';
import { procedure, router } from '../trpc.js';

const DESIGN = ['planner', 'supervisor', 'trainer', 'admin'] as const;
const id = z.number().int().positive();

/** Saved segments (#18 item 4): designers read their unit's and the province's; planners and admins edit their unit's. */
export const savedSegmentsRouter = router({
  list: procedure(DESIGN).query(({ ctx }) => listSavedSegments(ctx.db, ctx.user!)),
  get: procedure(DESIGN).input(z.object({ id })).query(({ ctx, input }) => getSavedSegment(ctx.db, ctx.user!, input.id)),
  usedBy: procedure(DESIGN).input(z.object({ id })).query(({ ctx, input }) => usedBy(ctx.db, ctx.user!, input.id)),
  /** `slot` (the caller's panel): a newer count in the same slot stops this one on the server. */
  count: procedure(DESIGN).input(z.object({ id, orgUnit: z.string().min(1).max(64), slot: z.string().min(1).max(100).optional() }))
    .query(({ ctx, input, signal }) => countSavedSegment(ctx.db, ctx.user!, input.id, input.orgUnit, { slot: input.slot, signal })),
  create: procedure(['planner', 'admin']).input(savedSegmentInputSchema.extend({ orgUnit: z.string().min(1).max(64).optional() })).mutation(({ ctx, input }) => createSavedSegment(ctx.db, ctx.user!, input)),
  update: procedure(['planner', 'admin']).input(savedSegmentInputSchema.extend({ id, revision: z.number().int().positive() })).mutation(({ ctx, input }) => {
    const { id: segmentId, revision, ...rest } = input;
    return updateSavedSegment(ctx.db, ctx.user!, segmentId, revision, rest);
  }),
  remove: procedure(['planner', 'admin']).input(z.object({ id })).mutation(({ ctx, input }) => deleteSavedSegment(ctx.db, ctx.user!, input.id)),
});
