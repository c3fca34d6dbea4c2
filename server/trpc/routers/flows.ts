import { z } from 'zod';
import { DESIGNER_READ, DESIGNER_WRITE, createDesignerFlow, getDesignerFlow, listDesignerFlows, saveDesignerFlow } from '../../governance/designer-flows.js';
import { scriptSamples } from '../../governance/script-samples.js';
import { listTemplateFiles, templateFileSchema } from '../../governance/template-files.js';
import { groupChannelFit } from '../../learning/group-fit.js';
import { procedure, router } from '../trpc.js';

const flowIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** The designer's flows: list, open, create, save (revision-checked), and what the designer shows beside them. */
export const flowsRouter = router({
  /** Flows the caller may see, newest first. */
  list: procedure(DESIGNER_READ).query(({ ctx }) => listDesignerFlows(ctx.db, ctx.user!)),

  get: procedure(DESIGNER_READ).input(z.object({ id: flowIdSchema })).query(({ ctx, input }) => getDesignerFlow(ctx.db, ctx.user!, input.id)),

  /** A new flow: blank, from a `flows/` template, or from an imported / copied document. */
  create: procedure(DESIGNER_WRITE)
    .input(z.object({
      name: z.string().trim().min(1).max(120).optional(),
      template: templateFileSchema.optional(),
      document: z.unknown().optional(),
    }))
    .mutation(({ ctx, input }) => createDesignerFlow(ctx.db, ctx.user!, input)),

  /** Save the working copy; CONFLICT if someone saved since `revision` was loaded. */
  save: procedure(DESIGNER_WRITE)
    .input(z.object({ id: flowIdSchema, revision: z.number().int().min(1), document: z.unknown() }))
    .mutation(({ ctx, input }) => saveDesignerFlow(ctx.db, ctx.user!, input)),

  /** A few real subscribers for the script preview. */
  samples: procedure(DESIGNER_READ).query(({ ctx }) => scriptSamples(ctx.db)),

  /** The CP fit score of every customer group on every channel (0..1), for the parallel-lane preview. */
  fit: procedure(DESIGNER_READ).query(({ ctx }) => groupChannelFit(ctx.db)),

  /** The template files in `flows/`, for "open a template". */
  templates: procedure(DESIGNER_READ).query(() => listTemplateFiles()),
});
