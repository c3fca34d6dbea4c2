import { z } from 'zod';
import { CHANNEL_IDS, CHANNEL_KINDS } from './channels.js';
import { GROUP_IDS } from './groups.js';
import { PRODUCT_CATEGORIES } from './products.js';
import { STAGES } from './stages.js';

/**
 * The catalogue as data: what admins edit and the store keeps (issue #18 item 1). Messages are
 * `中文 / English`; the client shows the half for the current language.
 */
const msg = (zh: string, en: string) => ({ message: `${zh} / ${en}` });

const text = z.object({
  zh: z.string().trim().min(1, msg('请填写中文名称', 'Enter the Chinese name')).max(60, msg('中文名称最多 60 字', 'The Chinese name has at most 60 characters')),
  en: z.string().trim().min(1, msg('请填写英文名称', 'Enter the English name')).max(80, msg('英文名称最多 80 字符', 'The English name has at most 80 characters')),
});

// an empty box arrives as null: without its own message zod answered "Invalid input: expected number, received null" in English
const hour = z.number(msg('请填写 0–24 之间的小时', 'Enter an hour from 0 to 24')).int(msg('小时须为整数', 'Hours are whole numbers')).min(0, msg('小时在 0–24 之间', 'Hours are 0–24')).max(24, msg('小时在 0–24 之间', 'Hours are 0–24'));
const hours = z.tuple([hour, hour]).refine(([a, b]) => a < b, msg('开始须早于结束', 'The start must be before the end'));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('日期格式为 YYYY-MM-DD', 'Dates are YYYY-MM-DD')).nullable();

export const catalogueIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, msg('ID 为 2–40 位小写字母、数字或下划线，以字母开头', 'An id is 2–40 lowercase letters, digits or underscores, starting with a letter'));

export const productSchema = z.object({
  id: catalogueIdSchema,
  name: text,
  category: z.enum(PRODUCT_CATEGORIES, msg('请选择产品类别', 'Choose a product category')),
  price: z.number(msg('价格须为数字', 'The price is a number')).min(0, msg('价格不能为负', 'The price cannot be negative')).max(100_000, msg('价格不超过 100,000 元', 'The price is at most 100,000 yuan')),
  validFrom: isoDate,
  validTo: isoDate,
}).refine((p) => !p.validFrom || !p.validTo || p.validFrom <= p.validTo, { ...msg('有效期结束早于开始', 'The validity ends before it starts'), path: ['validTo'] });

export const channelSchema = z.object({
  id: z.enum(CHANNEL_IDS),
  label: text,
  enabled: z.boolean(),
  electronic: z.boolean(),
  kind: z.enum(CHANNEL_KINDS),
  stages: z.array(z.enum(STAGES)).min(1, msg('至少承担一个阶段', 'A channel serves at least one stage')),
  costPerContact: z.number(msg('单次接触成本须为数字', 'The cost per contact is a number')).min(0, msg('成本不能为负', 'The cost cannot be negative')).max(1000, msg('单次接触成本不超过 1000 元', 'The cost per contact is at most 1,000 yuan')),
  dailyCapacity: z.number(msg('日容量须为数字', 'The daily capacity is a number')).int(msg('日容量须为整数', 'The daily capacity is a whole number')).min(0, msg('日容量不能为负', 'The daily capacity cannot be negative')).max(100_000_000, msg('日容量过大', 'The daily capacity is too large')),
  contactHours: hours,
  quietHours: hours.nullable(),
  needsSmartphone: z.boolean(),
  responseDelayHours: z.number(msg('响应时延须为数字（小时）', 'The response delay is a number of hours')).min(0, msg('响应时延不能为负', 'The response delay cannot be negative')).max(24 * 30, msg('响应时延不超过 720 小时', 'The response delay is at most 720 hours')),
  smsSignature: z.string().trim().max(20, msg('短信签名最多 20 字', 'The SMS signature has at most 20 characters'))
    .refine((s) => s === '' || /^【[^【】]+】$/.test(s), msg('短信签名形如【中国移动】', 'An SMS signature looks like 【中国移动】')),
}).refine((c) => !c.quietHours || (c.quietHours[0] >= c.contactHours[0] && c.quietHours[1] <= c.contactHours[1]), { ...msg('静默时段须在接触时段内', 'Quiet hours lie inside the contact hours'), path: ['quietHours'] })
  .refine((c) => !c.quietHours || c.quietHours[0] > c.contactHours[0] || c.quietHours[1] < c.contactHours[1], { ...msg('静默时段不能覆盖整个接触时段', 'Quiet hours cannot cover all the contact hours'), path: ['quietHours'] });

export const groupSchema = z.object({ id: z.enum(GROUP_IDS), name: text });

export const orgUnitSchema = z.object({
  id: catalogueIdSchema,
  name: text,
  parent: z.string().nullable(),
  share: z.number().min(0).max(1).optional(),
});

export const planSchema = z.object({
  id: catalogueIdSchema,
  name: text,
  monthlyFee: z.number(msg('月费须为数字', 'The monthly fee is a number')).min(0, msg('月费不能为负', 'The monthly fee cannot be negative')).max(10_000, msg('月费不超过 10,000 元', 'The monthly fee is at most 10,000 yuan')),
  dataAllowanceMb: z.number(msg('流量须为数字', 'The data allowance is a number')).int(msg('流量须为整数 MB', 'The data allowance is a whole number of MB'))
    .min(0, msg('流量不能为负', 'The data allowance cannot be negative')).max(10_485_760, msg('流量不超过 10 TB', 'The data allowance is at most 10 TB')),
  onSale: z.boolean(msg('请选择是否在售', 'Say whether the plan is on sale')),
});

export const catalogueSchema = z.object({
  products: z.array(productSchema),
  channels: z.array(channelSchema),
  groups: z.array(groupSchema),
  orgUnits: z.array(orgUnitSchema),
  plans: z.array(planSchema),
});

export type Catalogue = z.infer<typeof catalogueSchema>;
export type ProductInput = z.infer<typeof productSchema>;
export type ChannelInput = z.infer<typeof channelSchema>;
export type GroupInput = z.infer<typeof groupSchema>;
export type OrgUnitInput = z.infer<typeof orgUnitSchema>;
export type PlanInput = z.infer<typeof planSchema>;
