import { z } from 'zod';
import { t, type Text } from '../text.js';

/** Variables a script may use; the preview fills them from a sample subscriber and the flow's offer. */
export const SCRIPT_VARIABLES = ['name', 'product', 'price', 'plan', 'city', 'dataUsagePct', 'arpu', 'agent'] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];

export const SCRIPT_VARIABLE_LABELS: Record<ScriptVariable, Text> = {
  name: t('客户称呼', 'Customer name'),
  product: t('产品名称', 'Product'),
  price: t('产品价格', 'Price'),
  plan: t('当前套餐', 'Current plan'),
  city: t('地市', 'City'),
  dataUsagePct: t('流量使用率', 'Data usage %'),
  arpu: t('ARPU', 'ARPU'),
  agent: t('坐席/营业员姓名', 'Agent name'),
};

export const replyActionSchema = z.enum(['order', 'info', 'trial', 'optout']);

/** SMS / push / WeChat: a template with `{variables}` and reply keywords (e.g. reply 1 to order). */
export const messageScriptSchema = z.object({
  kind: z.literal('message'),
  template: z.string().min(1).max(1000),
  replyKeywords: z.array(z.object({ keyword: z.string().min(1).max(8), action: replyActionSchema })),
  /** 二次确认: the order only counts after the customer confirms a second time (五条禁令). */
  secondConfirmation: z.boolean(),
});

export const DISPOSITIONS = ['accepted', 'declined', 'no_answer', 'busy', 'callback'] as const;
export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

/** Call centre / store: the four-step agent script (话术四步曲) and the dispositions the agent records. */
export const agentScriptSchema = z.object({
  kind: z.literal('agent'),
  opening: z.string().min(1),
  probing: z.string().min(1),
  offer: z.string().min(1),
  closing: z.string().min(1),
  objections: z.array(z.object({ objection: z.string().min(1), answer: z.string().min(1) })),
  dispositions: z.array(dispositionSchema).min(1),
  takesOrder: z.boolean(),
  secondConfirmation: z.boolean(),
});

export const scriptSchema = z.discriminatedUnion('kind', [messageScriptSchema, agentScriptSchema]);
export type Script = z.infer<typeof scriptSchema>;
export type MessageScript = z.infer<typeof messageScriptSchema>;
export type AgentScript = z.infer<typeof agentScriptSchema>;

/** Every `{var}` used by a script's text fields, in order of appearance. */
export function scriptVariablesUsed(script: Script): string[] {
  const texts = script.kind === 'message'
    ? [script.template]
    : [script.opening, script.probing, script.offer, script.closing, ...script.objections.flatMap((o) => [o.objection, o.answer])];
  return texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
}

/** Whether a script can take an order (and therefore needs the second confirmation). */
export const scriptTakesOrder = (s: Script): boolean =>
  s.kind === 'message' ? s.replyKeywords.some((k) => k.action === 'order') : s.takesOrder;

/** Fill `{var}`s; unknown variables are left visible so the preview shows the mistake. */
export const fillTemplate = (text: string, vars: Partial<Record<string, string | number>>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));

/** SMS length in parts: 70 chars for one UCS-2 part, 67 per part when concatenated. */
export function smsParts(text: string): { length: number; parts: number } {
  const length = [...text].length;
  return { length, parts: length <= 70 ? 1 : Math.ceil(length / 67) };
}

export const defaultMessageScript = (): z.infer<typeof messageScriptSchema> => ({
  kind: 'message',
  template: '尊敬的{name}，您本月流量已用{dataUsagePct}%，推荐{product}，仅{price}元/月。回复1办理。',
  replyKeywords: [{ keyword: '1', action: 'order' }],
  secondConfirmation: true,
});

export const defaultAgentScript = (): z.infer<typeof agentScriptSchema> => ({
  kind: 'agent',
  opening: '您好{name}，我是中国移动客户经理{agent}，耽误您一分钟时间。',
  probing: '看到您目前使用{plan}，平时流量够用吗？',
  offer: '现在有{product}，每月只需{price}元，可以先免费体验一周。',
  closing: '为您办理需要您再次确认，您确认办理吗？',
  objections: [{ objection: '太贵了', answer: '首月半价，体验不满意可随时退订。' }],
  dispositions: ['accepted', 'declined', 'no_answer', 'busy', 'callback'],
  takesOrder: true,
  secondConfirmation: true,
});
