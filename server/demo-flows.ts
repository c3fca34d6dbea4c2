import { loadUser } from './auth/sessions.js';
import { dayIso, localDay } from './engine/core/clock.js';
import type { AppServices } from './core/context.js';
import { createInnerContext } from './trpc/create-context.js';
import { appRouter } from './trpc/routers/_app.js';
import { createCallerFactory } from './trpc/trpc.js';

const factory = createCallerFactory(appRouter);

export interface DemoFlows {
  draft: string;
  submitted: string;
  running: string;
}

/**
 * On a freshly seeded store, flows at three stages of their life — a draft, one waiting for the
 * supervisor, one published and running — so that every role's first screen shows the product at
 * work. They are made the way users make them: through the API as the demo planner (王策划) and
 * supervisor (陈主管), from shipped templates, with the campaign period moved to start today.
 */
export async function seedDemoFlows(s: AppServices, now = Date.now()): Promise<DemoFlows> {
  const as = (username: string) => {
    const id = s.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number | undefined;
    const user = id === undefined ? null : loadUser(s.db, id);
    if (!user) throw new Error(`demo user ${username} is missing`);
    return factory(createInnerContext(s, user));
  };
  const planner = as('planner');
  const supervisor = as('supervisor');
  const today = localDay(now);
  const make = async (template: string, name: string): Promise<string> => {
    const { id, revision } = await planner.flows.create({ template, name });
    const { document } = await planner.flows.get({ id });
    await planner.flows.save({ id, revision, document: { ...document, period: { start: dayIso(today), end: dayIso(today + 30) } } });
    return id;
  };
  const draft = await make('data-pack-upsell.json', '高流量用户加油包精准营销（示例草稿）');
  const submitted = await make('plan-5g-launch.json', '5G 畅享套餐上市混联推广（示例待审批）');
  await planner.governance.submit({ flowId: submitted, comment: '请审批：上市推广，预算已按省公司口径填写' });
  const running = await make('broadband-bundle.json', '千兆宽带家庭融合串联营销（示例运行中）');
  await planner.governance.submit({ flowId: running, comment: '家庭融合串联，先短信后外呼' });
  await supervisor.governance.approve({ flowId: running, comment: '同意，注意外呼时段' });
  await supervisor.governance.publish({ flowId: running });
  return { draft, submitted, running };
}
