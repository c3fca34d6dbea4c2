/** Governance screens (flow list, approvals, templates, audit, users), Simplified Chinese. Mounted as `gov` in zh.ts. */
export const govZh = {
  done: '操作成功',
  list: {
    title: '流程列表', allStatuses: '全部状态', allOwners: '全部负责人', search: '搜索名称或 ID', name: '名称', unit: '单位', owner: '负责人',
    status: '状态', updated: '更新时间', actions: '操作', empty: '没有符合条件的流程', live: '线上 v{{v}}', open: '在设计器中打开', asTemplate: '发布为模板', count: '共 {{n}} 个流程',
  },
  inbox: {
    title: '审批工作台', empty: '暂无待处理的流程', pick: '从左侧选择一个流程查看差异并审批', history: '审批记录', diff: '结构差异', firstVersion: '首次提交，以下为全部内容',
    noChanges: '与线上版本相比没有结构变化', added: '新增', removed: '删除', changed: '修改', moved: '仅移动位置', nodes: '节点', edges: '连线', document: '流程属性',
    base: '对比 线上 v{{v}}', conflicts: '客户冲突预览', noConflicts: '没有与其他已批准或运行中的流程重叠', overlap: '重叠客户约 {{n}} 人', scope: '本流程覆盖：{{cities}}',
    priority: '优先级 {{p}}', winnerThis: '本流程优先', winnerOther: '对方优先', winnerTie: '同级，先发布者优先', comment: '审批意见（驳回必填）', rejectTitle: '驳回流程',
    commentRequired: '驳回必须填写意见', nextVersion: '发布后为 v{{v}}', runStatus: '线上运行：{{s}}', versions: '已发布版本', open: '在设计器中查看',
    submitted: '提交', withdrawn: '撤回', approved: '批准', rejected: '驳回', published: '发布',
  },
  templates: {
    title: '模板库', search: '搜索模板名称、说明、标签', allCategories: '全部', usage: '使用 {{n}} 次', cases: '案例 {{n}}', partial: '片段', nodes: '{{n}} 个节点',
    use: '使用模板', empty: '没有符合条件的模板', instantiateTitle: '用模板创建流程', flowName: '新流程名称', create: '创建草稿', created: '已创建草稿 {{id}}',
    publishTitle: '发布为模板', name: '模板名称', category: '分类', description: '说明', tags: '标签（逗号分隔）', parameters: '参数', addParam: '+ 添加参数',
    paramKey: '键', paramLabel: '名称', paramKind: '类型', kindProduct: '产品', kindSegment: '客群/地市', kindText: '文本', selectNodes: '包含的节点（全部勾选即整个流程）',
    publish: '发布模板', placeholderHint: '文本参数会替换流程名称和话术中的占位符，例如 {{example}}', fromFile: '内置', fromTrainer: '培训发布', casesTitle: '案例集',
    noCases: '暂无案例', chooseCategory: '请选择分类', published: '模板「{{name}}」已发布到模板库（{{category}}），策划现在可以用它创建流程。', viewLibrary: '去模板库查看', addCase: '加入案例集', caseNote: '案例说明（效果、经验）', choose: '沿用模板默认', remove: '移除', by: '发布人 {{name}}',
  },
  audit: {
    title: '审计日志', allActions: '全部操作', allUsers: '全部用户', allEntities: '全部对象', entityId: '对象 ID', from: '起始日期', to: '截止日期', at: '时间',
    user: '用户', action: '操作', entity: '对象', detail: '详情', empty: '没有记录', total: '共 {{n}} 条', prev: '上一页', next: '下一页',
    entityFlow: '流程', entityUser: '用户', entityTemplate: '模板',
  },
  actions: {
    'flow.create': '创建流程', 'flow.edit': '编辑已提交/已发布流程', 'flow.submit': '提交审批', 'flow.withdraw': '撤回', 'flow.approve': '批准', 'flow.reject': '驳回',
    'flow.publish': '发布', 'flow.pause': '暂停', 'flow.resume': '恢复', 'flow.stop': '停止', 'flow.complete': '完成', 'flow.archive': '归档',
    'user.create': '创建用户', 'user.roles': '修改角色', 'user.disable': '停用用户', 'user.enable': '启用用户', 'user.reset_password': '重置密码', 'user.org_unit': '调整单位',
    'template.publish': '发布模板', 'template.instantiate': '使用模板', 'template.case': '加入案例集',
  },
  users: {
    title: '用户管理', create: '新建用户', username: '用户名', displayName: '姓名', unit: '单位', roles: '角色', password: '初始密码（至少 10 位，不能是常见密码）', status: '状态',
    active: '正常', disabled: '已停用', enable: '启用', disable: '停用', resetPassword: '重置密码', newPassword: '{{user}} 的新密码：{{password}}（仅显示一次）',
  },
} as const;
