/** Designer strings, Simplified Chinese (the default). English in designer-en.ts, typed against this. */
export const designerZh = {
  emptyTitle: '从左侧拖入节点开始设计',
  emptyHint: '目标客群 → 渠道联动 → 话术 → 等待 → 评估',
  untitled: '未命名流程',
  field: {
    required: '请填写', notNumber: '请输入数字', integer: '请输入整数', min: '不能小于 {{min}}', above: '须大于 {{min}}', max: '不能大于 {{max}}',
    tooLong: '最多 {{max}} 个字，当前 {{count}} 个', refused: '{{field}}：{{message}}（未保存）',
  },
  common: { remove: '删除', yes: '是', no: '否', datePlaceholder: '年-月-日，如 2026-05-01', dateInvalid: '请按“年-月-日”填写，如 2026-05-01' },
  canvas: {
    minimap: '缩略图', edgesRemoved: '已移除 {{count}} 条连线：{{list}}。按 Ctrl+Z 撤销可恢复。',
    a11y: {
      node: '按回车或空格选中节点，选中后可用方向键移动，按 Delete 删除，Esc 取消。', moved: '已移动选中节点，新位置 x: {{x}}，y: {{y}}',
      edge: '连线：从 {{source}} 到 {{target}}', edgeHint: '按回车或空格选中连线，选中后按 Delete 删除，Esc 取消。',
      controls: '画布控制', zoomIn: '放大', zoomOut: '缩小', lock: '锁定 / 解锁画布编辑', handle: '连接点',
    },
  },
  palette: {
    title: '节点库', hint: '拖到画布，或选中后按回车添加', collapse: '收起节点库', expand: '展开节点库',
    category: { entry: '入口', channels: '渠道', content: '内容', control: '流程控制', evaluation: '衡量效果' },
  },
  node: { outputs: '{{count}} 个出口', errors: '{{count}} 个错误', warnings: '{{count}} 个警告', invalidData: '配置无效，请在右侧修正', optional: '可选', unknownType: '未知节点类型：{{type}}' },
  panel: { label: '属性面板', inspector: '属性', issues: '问题', compile: '编译预览', simulate: '模拟', collapse: '收起面板', expand: '展开面板', resize: '拖动调整面板宽度（也可用 ← → 键）' },
  top: {
    name: '流程名称', nameRequired: '请填写流程名称（未保存）', validate: '校验', simulate: '模拟', submit: '提交审批', undo: '撤销', redo: '重做', duplicate: '复制一份', delete: '删除',
    layout: '自动布局', fit: '适应画布', submitHint: '提交给主管审批', submitRole: '只有营销策划可以提交审批', submitReadOnly: '当前流程不可编辑',
    submitErrors: '还有 {{count}} 个错误，修正后才能提交', submitNotSaved: '流程尚未保存，无法提交', submitted: '已提交审批',
  },
  save: { invalid: '{{count}} 处输入无效，未保存', invalidHint: '修正标红的字段后自动保存', saved: '已保存', saving: '保存中…', unsaved: '未保存', conflict: '保存冲突', error: '保存失败', readOnly: '只读', revision: '版本 {{revision}}' },
  conflict: {
    title: '保存冲突', body: '此流程已在其他窗口或被其他人修改，您的修改尚未保存。',
    reload: '加载最新版本（放弃我的修改）', keepMine: '将我的版本另存为副本', copySuffix: '（副本）',
  },
  files: {
    menu: '文件', new: '新建空白流程', open: '打开流程…', openFlow: '打开流程', templates: '从模板新建…', import: '导入 JSON…', export: '导出 JSON',
    importFailed: '导入失败', noFlows: '还没有流程', noTemplates: '没有可用的模板', nodeCount: '{{count}} 个节点',
  },
  start: {
    title: '开始设计营销流程', subtitle: '新建一个空白流程，从模板开始，或继续编辑已有流程。', readOnly: '您可以查看本单位的流程；只有营销策划可以新建和编辑。',
    blank: '新建空白流程', blankHint: '从空白画布开始，拖入目标客群、渠道联动和评估节点', template: '从模板新建', templateHint: '基于成熟的活动模板创建草稿，之后可自由修改',
    gallery: '在模板库中按参数新建 →', recent: '打开已有流程', allFlows: '查看全部 {{count}} 个流程',
  },
  clipboard: { copied: '已复制 {{count}} 个节点', cut: '已剪切 {{count}} 个节点', pasted: '已粘贴 {{count}} 个节点' },
  issues: {
    none: '没有发现问题', allGood: '校验通过，没有问题', summary: '{{errors}} 个错误，{{warnings}} 个警告', badge: '{{count}} 个问题',
    error: '错误', warning: '警告',
  },
  compile: {
    failed: '编译失败（{{count}} 个错误）', summary: '{{count}} 个状态，从「{{initial}}」开始', hash: '版本指纹（内容不变则不变）', kind: '类型', state: '状态', node: '来源节点',
    kinds: { send: '发送', await: '等待响应', timer: '定时', route: '分流', provision: '开通权益', terminal: '结束' },
  },
  inspector: { multi: '已选中 {{count}} 个节点', multiHint: 'Ctrl+C 复制，Ctrl+D 复制一份，Delete 删除', resetDefaults: '恢复默认配置' },
  fields: { reach: '触达人数', responses: '响应人数', conversions: '成功办理人数', revenue: '收入（元）', budget: '预算（元）', evaluationDays: '后评估天数' },
  settings: {
    title: '活动设置', hint: '未选中节点时显示整个活动的设置', campaign: '活动', description: '活动说明', product: '推荐产品', productHint: '话术中的 {product} 与 {price} 取自此产品',
    start: '开始日期', end: '结束日期', priority: '优先级', priorityHint: '1–100，同一客户同日被多个活动选中时优先级高者触达', goals: '目标与预算',
    goalsHint: '填 0 表示不设该目标；预算为 0 表示不限预算',
  },
  segment: {
    audience: '预计覆盖客户', controlCount: '对照组 {{count}} 人', conditions: '筛选条件', and: '且', or: '或', allMatch: '满足全部条件', anyMatch: '满足任一条件',
    combinator: '条件关系', addCondition: '添加条件', addGroup: '添加条件组', removeGroup: '删除条件组', field: '字段', operator: '运算符', value: '取值', from: '从', to: '到',
    exclusions: '排除规则', exclude: { optedOut: '排除已退订客户', doNotDisturb: '排除免打扰客户', ownsOffer: '排除已订购该产品客户', inOtherActiveFlow: '排除正在其他活动中的客户' },
    exclusionList: '黑名单', exclusionListHint: '已保存的排除名单名称，留空表示不使用',
    controlAndEntry: '对照组与进入方式', controlPct: '对照组比例（%）', controlHint: '对照组客户不接收任何触达，用于衡量活动提升效果（0–50%）',
    entry: '进入方式', entryModes: { once: '发布时一次性进入', daily: '每日新增客户进入', event: '事件触发进入' }, trigger: '触发事件', threshold: '触发阈值（%）',
    reentry: '重复进入', reentryModes: { never: '不允许重复进入', after_exit: '退出后冷却期满可再进入' }, cooldown: '冷却天数',
  },
  touch: {
    title: '触达', channel: '渠道', stage: '阶段', timeout: '响应时限（小时）', stageNotServed: '该渠道不支持此阶段',
    channelFacts: '单次成本 ¥{{cost}} · 日容量 {{capacity}} · 可触达时段 {{from}}:00–{{to}}:00',
  },
  script: {
    template: '短信内容', templateBy: { sms: '短信内容', push: '推送消息内容', voice: '语音播报内容', call: '话术', visit: '话术' },
    repliesBy: { sms: '回复关键字', push: '快捷回复按钮', voice: '按键选项', call: '回复关键字', visit: '回复关键字' },
    replyBy: { sms: '关键字', push: '按钮文字', voice: '按键', call: '关键字', visit: '关键字' }, smsParts: '{{count}} 条短信',
    dispositionVisit: { accepted: '当场办理', declined: '不需要', no_answer: '无人接听', busy: '忙线', callback: '约下次到店' }, insertVariable: '插入变量', preview: '预览（示例客户）', smsLength: '{{length}} 字 · {{parts}} 条短信',
    replyKeywords: '回复关键字', addKeyword: '添加关键字', keyword: '关键字', action: '动作', actions: { order: '办理订购', info: '了解详情', trial: '开通体验', optout: '退订' },
    secondConfirmation: '二次确认后才算订购（五条禁令）', steps: { opening: '开场与问候', probing: '需求探询', offer: '产品介绍与优惠', closing: '促成与确认' },
    objections: '异议处理', addObjection: '添加异议', objection: '客户异议', answer: '应答话术', newObjection: '客户异议', newAnswer: '应答话术',
    dispositions: '坐席可记录的结果', disposition: { accepted: '接受', declined: '拒绝', no_answer: '无人接听', busy: '忙线', callback: '预约回访' }, takesOrder: '可直接受理订购',
  },
  linkage: {
    mode: '联动模式', modeHint: { serial: '串联：按顺序在多个渠道接力触达；默认客户响应后才交给下一个渠道（每一步可改为超时后交接），联系不上时按该步的设置处理', parallel: '并联：按客户-渠道适配度把客户分到最合适的渠道同时触达', hybrid: '混联：先并联首触，再在每个分支内串联跟进' },
    routing: '分流方式', routingFit: '按 CPC 适配度', routingRules: '按客群规则', touches: '触达步骤', addTouch: '添加触达', handoff: '交接规则',
    lanes: '并行分支', addLane: '添加分支', laneRule: '分支规则', addRule: '添加规则', followUps: '后续串联触达',
    moveUp: '上移', moveDown: '下移', fitPreview: '适配度预览：各客户群将进入的分支', fitScore: '平均适配 {{score}}', noGroups: '没有客户群以此为最佳渠道',
  },
  wait: {
    title: '等待条件', mode: '等待方式', modes: { duration: '等待一段时间', until_time: '等到某个时刻', until_date: '等到某一天', event: '等待事件' },
    duration: '时长', time: '时刻', timeHint: '在客户所在时区的该时刻继续', date: '日期', event: '事件', timeout: '超时', timeoutHint: '未发生事件的客户从“超时”出口继续',
    unit: '单位', hours: '小时', days: '天',
  },
  split: { branches: '分流分支', add: '添加分支', label: '分支名称', percent: '比例', total: '合计 {{total}}%（须为 100%）' },
  evaluate: {
    title: '评估规则', mode: '评估方式', customer: '按客户结果分支', kpi: '按活动指标判断', metric: '指标', op: '比较', threshold: '阈值', rateHint: '比率填小数，如 0.05 表示 5%',
    onFail: '未达标时', reroute: '从“未达标”出口改道', stop: '停止剩余客户', branches: '分支', addBranch: '添加分支', branchHint: '按顺序判断，第一个满足的分支生效，都不满足走“其他”',
    label: '分支名称', test: '判断条件', newBranch: '新分支', converted: '已成功办理', tests: { converted: '已成功办理', responded: '已响应', attribute: '客户属性' },
  },
  sim: {
    title: '模拟运行', hint: '用样本客户在模拟时钟下运行此流程，不会真正发送任何消息', customers: '样本客户数', seed: '随机种子', days: '模拟天数',
    start: '开始模拟', clear: '清除结果', running: '模拟中… {{pct}}%', done: '模拟完成', hasErrors: '还有 {{count}} 个错误，修正后才能模拟',
    results: '模拟结果', overlay: '在画布上显示计数', hide: '隐藏', cost: '成本', revenue: '收入',
    funnelTitle: '模拟漏斗', byStage: '各阶段触达客户', controlHint: '不触达，用于衡量提升', shareOf: { sampled: '占样本的比例', treated: '占营销组（符合客群减去对照组）的比例', contacted: '占已触达客户的比例' },
    steps: { sampled: '样本', matched: '符合客群', control: '对照组', contacted: '触达', responded: '响应', converted: '成功办理' },
    entered: '进入', completed: '完成', badgeTitle: '模拟：进入本节点 / 完成本节点的客户数',
  },
};
