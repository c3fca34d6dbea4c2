/** Monitoring, reports, traces, the agent workbench and the fit matrix — Simplified Chinese. */
export const monZh = {
  runs: {
    title: '运行监控', empty: '还没有运行。流程发布后会在这里出现。', flow: '流程', unit: '单位', version: '版本', status: '状态', period: '周期', started: '开始时间',
    clock: '时钟', live: '实时', virtual: '仿真', open: '看板', report: '评估报告', count: '共 {{n}} 个运行',
  },
  dash: {
    title: '运行看板', back: '返回运行列表', report: '评估报告', refreshing: '每 3 秒自动刷新', updated: '更新于 {{time}}', deferred: '{{n}} 位客户的接触被推迟（接触时段、频控、渠道容量或更高优先级的流程），最早于 {{time}} 发出', notFound: '没有这个运行',
    enrolled: '入组客户', control: '对照组', active: '进行中', completed: '已结束', contacts: '接触次数', responses: '响应', conversions: '成功办理', cost: '成本', revenue: '收入', roi: '投入产出比',
    gwDelivered: '已送达', gwFailed: '送达失败 {{n}}', gwUnknown: '提交结果未知',
    bindingPaused: '{{channel}}：多次发送失败，发送已暂停（自动重试中）。本流程 {{n}} 条联系在排队等待，不会丢失。',
    bindingDown: '{{channel}}：网关连接中断，正在重连。本流程 {{n}} 条联系在排队等待，不会丢失。',
    bindingConnecting: '{{channel}}：正在连接网关。本流程 {{n}} 条联系在排队等待。',
    bindingReason: '原因：{{detail}}',
    bindingDeadLetters: '{{n}} 条已转入死信，可在 系统设置 › 渠道绑定 中重试。',
    gwUnknownHint: '提交短信时与网关的连接中断或进程退出，未收到网关应答：这些短信可能已发出，也可能没有。为保证不重复打扰客户，它们不会再次发送。',
    canvas: '流程节点实时计数', noDocument: '该运行没有已发布的流程文档，无法显示画布。', funnel: '宣传 → 体验 → 销售 漏斗', channels: '渠道接触与成本', timeline: '成功办理趋势',
    suppressed: '抑制原因', noSuppressed: '没有被抑制的接触', channelTable: '渠道产能', capacity: '日产能', usedToday: '今日已用（全部流程）', runToday: '本运行今日', queue: '待坐席处理',
    hour: '按小时', day: '按天', entered: '进入', waiting: '等待', inProgress: '处理中', conv: '成功', converted: '成功办理', delivered: '送达', noData: '暂无数据',
    stopReason: '结束原因：{{r}}',
  },
  report: {
    title: '活动评估报告', print: '打印', csv: '导出 CSV', goal: '目标达成', metric: '指标', actual: '实际', target: '目标', attainment: '达成率',
    contactRate: '接触率', responseRate: '响应率', conversionRate: '成功率', controlRate: '对照组成功率', lift: '相对对照组提升', noLift: '无对照组或对照组无转化',
    budget: '预算', noGoal: '未设', noBudget: '不限', byStage: '按阶段', byChannel: '按渠道', byGroup: '按客户群', byNode: '按节点（转化归因）', stage: '阶段', channel: '渠道', group: '客户群', node: '节点',
    treated: '营销组', contacted: '已接触', responded: '已响应', converted: '成功', attribution: '转化归因：客户最后一次有互动的接触，否则为最后一次发送的接触。互动归因 {{e}} 个，末次发送归因 {{l}} 个。',
    generated: '生成于 {{time}}', period: '活动周期', product: '产品',
  },
  trace: {
    title: '客户轨迹', noReason: '网关未给出原因', placeholder: '客户编号或手机号', search: '查询', notFound: '没有找到该客户', hint: '输入客户编号（如 1024）或 11 位手机号，查看该客户在各个运行中的路径。',
    group: '客户群', city: '地市', plan: '套餐', phone: '手机号', smartphone: '智能机', featurePhone: '功能机', dnd: '免打扰', noRuns: '该客户没有参与任何您可见的运行。',
    inControl: '对照组（不接触）', state: '当前', outcome: '结果', responded: '已响应', converted: '已办理', open: '进行中', until: '至 {{time}}',
    kinds: {
      entered: '入组', sent: '已发送', delivered: '已送达', queued: '进入坐席队列', suppressed: '被抑制', deferred: '延后', unreachable: '无法触达', failed: '发送失败', responded: '客户响应',
      awaiting_confirmation: '等待二次确认', converted: '成功办理', route: '分支', timeout: '超时', wake: '等待结束', ended: '结束', waiting: '等待中', granted: '已发放权益', grant_failed: '权益发放失败', already_held: '已持有权益', other: '其他',
    },
  },
  reasons: {
    daily_cap: '每日接触上限', weekly_cap: '每周接触上限', channel_daily_cap: '渠道每日上限', channel_weekly_cap: '渠道每周上限', quiet_hours: '免打扰时段', dnd: '免打扰名单',
    opt_out: '已退订该渠道', feature_phone: '功能机不支持', channel_disabled: '渠道已在目录中停用', no_reachable_lane: '所有渠道均无法触达', priority: '被更高优先级流程占用', capacity: '渠道产能已满', flow_capacity: '本流程的渠道份额已用完', budget_exhausted: '预算用尽', period_ended: '活动周期结束', undelivered: '接收方不可用，未送达',
    delivery_failed: '投递失败', order: '客户订购', response: '客户回复', trial: '开始试用', store_visit: '到厅办理', app_login: '登录客户端', stopped: '运行已停止', no_route: '没有可走的分支', 'all journeys ended': '全部客户已走完流程', control: '对照组', await: '等待客户响应', timer: '等待定时', send: '等待发送',
  },
  work: {
    title: '坐席工作台', search: '搜索姓名、号码或编号', noMatch: '没有符合“{{q}}”的客户。', channel: '渠道', empty: '队列里没有待处理的客户。', waiting: '{{n}} 位待处理', customer: '客户', stage: '阶段', tries: '已尝试 {{n}} 次', flow: '流程', showPhone: '显示完整号码', hidePhone: '隐藏号码',
    steps: { opening: '① 开场', probing: '② 需求探询', offer: '③ 产品推荐', closing: '④ 促成' }, objections: '异议处理', noScript: '该接触没有坐席话术。',
    disposition: '处理结果', dispositions: { accepted: '接受', declined: '拒绝', no_answer: '无人接听', busy: '占线', callback: '预约回访' },
    callbackAt: '回访时间', callbackDate: '回访日期', callbackTime: '回访时刻（24 小时制）', beijingTime: '（北京时间）', timeInvalid: '请按“时:分”填写（24 小时制），如 14:30', secondConfirmed: '客户已二次确认办理', needConfirm: '办理需要客户二次确认（五条禁令）', submit: '提交结果', next: '下一位',
    result: { applied: '已记录，客户流程已推进', recorded: '已记录', awaiting_confirmation: '已记录，等待客户二次确认', deferred: '活动已暂停，恢复后生效', late: '该客户已不在等待中', invalid: '无效的队列项', duplicate: '重复提交', enrolled: '已记录', unknown_customer: '未知客户' },
    selectHint: '从左侧选择一位客户开始。',
    idleHint: '运行中的流程会在允许的时段把需要人工触点（外呼、营业厅等）的客户送到这里，列表会自动刷新。',
  },
  fit: {
    title: 'CPC 客户-渠道适配', category: '产品类别', view: '显示', estimate: '响应率估计（学习后）', prior: '先验响应率', fitScore: '客户-渠道适配度', learned: '已学习接触',
    learn: '立即学习', learning: '学习中…', learnedResult: '已学习 {{runs}} 个运行的 {{contacts}} 次接触（{{responses}} 次响应）', passes: '学习记录', noPasses: '还没有学习记录。',
    at: '时间', run: '运行', trigger: '触发', manual: '手动', run_completed: '运行结束', cells: '更新单元', hint: '后验 = 先验 Beta(α, β) + 观察到的响应 / 未响应。并联联动按最新估计为每位客户选择渠道。',
    cell: '{{group}} × {{channel}}：{{value}}',
  },
} as const;
