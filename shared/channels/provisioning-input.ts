import { z } from 'zod';
import { t, type Text } from '../text.js';
import { httpInputSchema } from './binding-input.js';

/**
 * What an admin may bind an operator provisioning service to (issue #21 item 2): the simulated service
 * (the demo's default) or the operator's HTTP interface — the same URL / Standard Webhooks secret /
 * timeout / attempts rules as an HTTP channel binding, so one schema checks both, on the page and the server.
 */
const m = (zh: string, en: string) => `${zh} / ${en}`;

/** The services a provision state can name, with their names on the page (the benefit node's is `benefit`). */
export const PROVISION_SERVICES = ['benefit'] as const;
export type ProvisionServiceId = (typeof PROVISION_SERVICES)[number];
export const PROVISION_SERVICE_LABELS: Record<ProvisionServiceId, Text> = {
  benefit: t('权益开通（发放权益节点）', 'Benefit provisioning (grant-benefit node)'),
};

export const provisionServiceSchema = z.enum(PROVISION_SERVICES, { message: m('未知的开通服务', 'Unknown provisioning service') });

export const provisioningBindingInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }),
  z.object({ kind: z.literal('http'), http: httpInputSchema }),
]);
export type ProvisioningBindingInput = z.infer<typeof provisioningBindingInputSchema>;

export const saveProvisioningBindingSchema = z.object({ service: provisionServiceSchema, binding: provisioningBindingInputSchema });
export type SaveProvisioningBindingInput = z.infer<typeof saveProvisioningBindingSchema>;

/** What the operator answers a call (in the response, or later on the signed answer endpoint). */
export const provisionAnswerSchema = z.object({
  result: z.enum(['granted', 'failed', 'already_held'], { message: m('result 须为 granted、failed 或 already_held', 'result must be granted, failed or already_held') }),
  reason: z.string().trim().max(200).optional(),
  /** Milliseconds since the epoch, or an ISO date-time: when the grant ends (else the node's expiry from now). */
  expiresAt: z.union([z.number().int().positive(), z.string().datetime({ offset: true })]).optional(),
});
export type ProvisionAnswerInput = z.infer<typeof provisionAnswerSchema>;
