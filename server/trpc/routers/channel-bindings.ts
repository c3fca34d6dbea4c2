import { z } from 'zod';
import { channelIdSchema } from '../../../shared/catalogue/channels.js';
import { saveBindingSchema, testNumberSchema } from '../../../shared/channels/binding-input.js';
import { listDeadLetters, retryDeadLetter } from '../../channels/bindings/dead-letters.js';
import { INBOUND_PATH } from '../../channels/bindings/inbound-http.js';
import { keyStatus } from '../../channels/bindings/secret-box.js';
import { deliveryView, requireProvinceAdmin, resolverOf } from '../../channels/bindings/shared-resolver.js';
import { bindingStatuses } from '../../channels/bindings/status.js';
import { listBindingViews, saveBinding } from '../../channels/bindings/store.js';
import { sendTestMessage } from '../../channels/bindings/test-send.js';
import { saveProvisioningBindingSchema } from '../../../shared/channels/provisioning-input.js';
import { provisioningOverview } from '../../provisioning/overview.js';
import { saveProvisioningBinding } from '../../provisioning/store.js';
import { procedure, router } from '../trpc.js';

const ADMIN = ['admin'] as const;
const by = (u: { id: number; username: string }) => ({ userId: u.id, username: u.username });

/**
 * Channel bindings (#19 items 1, 4): what each catalogue channel sends through, its status, a test send,
 * and the HTTP dead letters. Any admin reads; a province admin changes, tests and retries. Secrets are
 * never in an answer (only whether they are set).
 */
export const channelBindingsRouter = router({
  list: procedure(ADMIN).query(({ ctx }) => ({
    bindings: listBindingViews(ctx.db),
    statuses: bindingStatuses(ctx.db, deliveryView(ctx)),
    secretKey: keyStatus(),
    inboundPath: INBOUND_PATH,
  })),

  save: procedure(ADMIN).input(saveBindingSchema).mutation(({ ctx, input }) => {
    requireProvinceAdmin(ctx.user!);
    return saveBinding(ctx.db, input, by(ctx.user!));
  }),

  test: procedure(ADMIN).input(z.object({ channel: channelIdSchema, to: testNumberSchema, text: z.string().trim().min(1).max(500).default('Linkage 测试消息 / test message') })).mutation(({ ctx, input }) => {
    requireProvinceAdmin(ctx.user!);
    return sendTestMessage(ctx.db, resolverOf(ctx), input.channel, input.to, input.text, by(ctx.user!));
  }),

  deadLetters: procedure(ADMIN).input(z.object({ channel: channelIdSchema.optional() }).default({})).query(({ ctx, input }) => listDeadLetters(ctx.db, input.channel ? { channel: input.channel } : {})),

  retryDeadLetter: procedure(ADMIN).input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => {
    requireProvinceAdmin(ctx.user!);
    retryDeadLetter(ctx.db, input.id, by(ctx.user!));
    return { retried: true };
  }),

  /** Provisioning bindings (#21 item 2): what each operator service a benefit node calls is bound to, calls waiting, dead letters. */
  provisioning: procedure(ADMIN).query(({ ctx }) => provisioningOverview(ctx.db)),

  saveProvisioning: procedure(ADMIN).input(saveProvisioningBindingSchema).mutation(({ ctx, input }) => {
    requireProvinceAdmin(ctx.user!);
    return saveProvisioningBinding(ctx.db, input, by(ctx.user!));
  }),
});
