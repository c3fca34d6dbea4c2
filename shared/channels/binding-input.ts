import { z } from 'zod';
import { CHANNEL_BY_ID, channelIdSchema, type ChannelId } from '../catalogue/channels.js';

/**
 * What an admin may bind a channel to, and the rules each setting must meet (issue #19 item 1). One
 * schema for the admin page (field-level messages as the admin types) and the server (which refuses
 * the same input in the same words). Secrets are write-only: blank on an edit keeps the stored one.
 */
const m = (zh: string, en: string) => `${zh} / ${en}`;

const int = (min: number, max: number, zh: string, en: string) =>
  z.number({ message: m(`${zh}须为数字`, `${en} must be a number`) }).int(m(`${zh}须为整数`, `${en} must be a whole number`))
    .min(min, m(`${zh}不能小于 ${min}`, `${en} must be at least ${min}`)).max(max, m(`${zh}不能大于 ${max}`, `${en} must be at most ${max}`));

/** A host name or an IPv4/IPv6 address, without scheme or port. */
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9a-fA-F:]{2,39}$/;
/** Standard Webhooks secret: `whsec_` and base64 of 24 to 64 bytes. */
export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

export const gatewayInputSchema = z.object({
  host: z.string().trim().min(1, m('请填写网关地址', 'Enter the gateway host')).regex(HOST, m('网关地址须为主机名或 IP，不含协议和端口', 'Host must be a host name or an IP address, without scheme or port')),
  port: int(1, 65535, '端口', 'Port'),
  account: z.string().trim().min(1, m('请填写账号', 'Enter the account')).max(15, m('账号最多 15 个字符', 'Account has at most 15 characters')),
  /** Blank: keep the stored password. */
  password: z.string().max(64, m('密码最多 64 个字符', 'Password has at most 64 characters')).optional(),
  version: z.enum(['2.0', '3.0'], { message: m('CMPP 版本须为 2.0 或 3.0', 'CMPP version must be 2.0 or 3.0') }).optional(),
  serviceId: z.string().trim().max(10, m('业务代码最多 10 个字符', 'Service id has at most 10 characters')),
  accessNumber: z.string().trim().regex(/^\d{1,20}$/, m('接入号须为 1–20 位数字', 'Access number must be 1–20 digits')),
  tps: int(1, 5000, '每秒提交数', 'TPS'),
  window: int(1, 64, '滑动窗口', 'Window'),
  signature: z.string().trim().max(20, m('签名最多 20 个字', 'Signature has at most 20 characters')).optional(),
});

export const httpInputSchema = z.object({
  url: z.string().trim().url(m('请填写完整的 URL（http:// 或 https://）', 'Enter a full URL (http:// or https://)'))
    .refine((u) => /^https?:\/\//i.test(u), m('URL 须以 http:// 或 https:// 开头', 'URL must start with http:// or https://')),
  /** Blank: keep the stored secret. */
  secret: z.string().trim().regex(WEBHOOK_SECRET, m('签名密钥须为 whsec_ 加 base64（24–64 字节）', 'Signing secret must be whsec_ followed by base64 (24–64 bytes)')).optional().or(z.literal('')),
  timeoutMs: int(100, 60_000, '超时（毫秒）', 'Timeout (ms)'),
  maxAttempts: int(1, 20, '最多尝试次数', 'Max attempts'),
});

export const dialerInputSchema = z.object({ leaseSeconds: int(30, 3600, '号码保留时长（秒）', 'Lease (seconds)') });

export const bindingInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulated') }),
  z.object({ kind: z.literal('agent_queue') }),
  z.object({ kind: z.literal('http'), http: httpInputSchema }),
  z.object({ kind: z.literal('smpp'), gateway: gatewayInputSchema }),
  z.object({ kind: z.literal('cmpp'), gateway: gatewayInputSchema }),
  z.object({ kind: z.literal('dialer'), dialer: dialerInputSchema }),
]);
export type BindingInput = z.infer<typeof bindingInputSchema>;
export type BindingKindInput = BindingInput['kind'];

/** Message channels go through a gateway or platform; people's channels through the agent queue or the dialer. */
export const kindsFor = (channel: ChannelId): BindingKindInput[] =>
  CHANNEL_BY_ID[channel].kind === 'agent' ? ['agent_queue', 'dialer'] : ['simulated', 'http', 'smpp', 'cmpp'];

export const defaultKind = (channel: ChannelId): BindingKindInput => (CHANNEL_BY_ID[channel].kind === 'agent' ? 'agent_queue' : 'simulated');

/** Rules that need the kind and the channel together (CMPP's 6-digit SP id, SMPP's 8-character password …). */
export const saveBindingSchema = z.object({ channel: channelIdSchema, binding: bindingInputSchema }).superRefine((v, ctx) => {
  const b = v.binding;
  if (!kindsFor(v.channel).includes(b.kind)) {
    ctx.addIssue({ code: 'custom', path: ['binding', 'kind'], message: m('该渠道不能绑定此类型', 'This channel cannot be bound to that kind') });
  }
  if (b.kind === 'cmpp') {
    if (!/^\d{6}$/.test(b.gateway.account)) ctx.addIssue({ code: 'custom', path: ['binding', 'gateway', 'account'], message: m('CMPP 企业代码（SP_Id）须为 6 位数字', 'CMPP SP id must be 6 digits') });
    if (!b.gateway.version) ctx.addIssue({ code: 'custom', path: ['binding', 'gateway', 'version'], message: m('请选择 CMPP 版本', 'Choose the CMPP version') });
  }
  if (b.kind === 'smpp' && (b.gateway.password?.length ?? 0) > 8) {
    ctx.addIssue({ code: 'custom', path: ['binding', 'gateway', 'password'], message: m('SMPP 密码最多 8 个字符', 'SMPP password has at most 8 characters') });
  }
});
export type SaveBindingInput = z.infer<typeof saveBindingSchema>;

/** A test number: a mainland mobile number (11 digits, 1 then 3–9), optionally with +86 / 86. */
export const testNumberSchema = z.string().trim().regex(/^(\+?86)?1[3-9]\d{9}$/, m('请填写 11 位手机号', 'Enter an 11-digit mobile number'));
