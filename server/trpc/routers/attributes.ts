import { z } from 'zod';
import { attributeEditSchema, attributeInputSchema } from '../../../shared/catalogue/subscriber-fields.js';
import { defineAttribute, deleteAttribute, readAttributes, updateAttribute } from '../../attributes/store.js';
import { attributeUsers } from '../../attributes/usage.js';
import { procedure, router } from '../trpc.js';

const key = z.string().min(1).max(40);

/** The attribute catalogue (#18 item 2): everyone logged in reads it (the segment builder); admins edit it. */
export const attributesRouter = router({
  list: procedure('any').query(({ ctx }) => readAttributes(ctx.db)),
  usage: procedure(['admin']).input(z.object({ key })).query(({ ctx, input }) => attributeUsers(ctx.db, input.key)),
  define: procedure(['admin']).input(attributeInputSchema).mutation(({ ctx, input }) => defineAttribute(ctx.db, ctx.user!.id, input)),
  update: procedure(['admin']).input(attributeEditSchema.extend({ key })).mutation(({ ctx, input }) => {
    const { key: k, ...edit } = input;
    return updateAttribute(ctx.db, ctx.user!.id, k, edit);
  }),
  remove: procedure(['admin']).input(z.object({ key })).mutation(({ ctx, input }) => deleteAttribute(ctx.db, ctx.user!.id, input.key)),
});
