import { z } from 'zod';
import { templateParameterSchema } from '../../../shared/flow/document.js';
import { addCase, getTemplate, instantiateTemplate, listCases, listTemplates, publishTemplate, templateCategories } from '../../governance/templates.js';
import type { Role } from '../../../shared/roles.js';
import { procedure, router } from '../trpc.js';
import { isTemplateCategory } from '../../../shared/governance/template-categories.js';

const READERS: Role[] = ['planner', 'supervisor', 'trainer', 'admin'];
const templateId = z.string().min(1).max(80);

/** The template library: trainers publish, planners instantiate, everyone who designs browses. */
export const templatesRouter = router({
  list: procedure(READERS).input(z.object({ search: z.string().max(100).optional(), category: z.string().max(40).optional() }).default({})).query(({ ctx, input }) => listTemplates(ctx.db, input)),
  categories: procedure(READERS).query(({ ctx }) => templateCategories(ctx.db)),
  get: procedure(READERS).input(z.object({ templateId })).query(({ ctx, input }) => getTemplate(ctx.db, input.templateId)),
  cases: procedure(READERS).input(z.object({ templateId })).query(({ ctx, input }) => listCases(ctx.db, input.templateId)),
  publish: procedure(['trainer'])
    .input(z.object({
      flowId: z.string().min(1).max(64),
      nodeIds: z.array(z.string().min(1)).max(500).optional(),
      name: z.string().min(1).max(120),
      category: z.string().min(1).max(40).refine(isTemplateCategory, { message: '不在模板分类列表中 / Not one of the template categories' }),
      description: z.string().max(2000),
      tags: z.array(z.string().min(1).max(20)).max(12),
      parameters: z.array(templateParameterSchema.extend({ key: z.string().regex(/^\w{1,32}$/, 'letters, digits, _') })).max(12),
    }))
    .mutation(({ ctx, input }) => publishTemplate(ctx.db, ctx.user!, input)),
  instantiate: procedure(['planner'])
    .input(z.object({ templateId, name: z.string().min(1).max(120), values: z.record(z.string(), z.string().max(200)) }))
    .mutation(({ ctx, input }) => instantiateTemplate(ctx.db, ctx.user!, input)),
  addCase: procedure(['planner', 'supervisor', 'trainer'])
    .input(z.object({ flowId: z.string().min(1).max(64), note: z.string().min(1).max(4000) }))
    .mutation(({ ctx, input }) => addCase(ctx.db, ctx.user!, input)),
});
