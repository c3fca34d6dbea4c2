import { govZh } from '../governance/i18n-zh.js';
import { designerZh } from './designer-zh.js';
import { monZh } from '../monitoring/i18n-zh.js';
import { importZh } from '../admin/import-i18n-zh.js';
/** Simplified Chinese — the default language. Keys are grouped by screen. */
export const zh = {
  app: { name: 'Linkage 营销联动', tagline: '全渠道营销流程设计与执行' },
  nav: { designer: '流程设计', flows: '流程列表', approvals: '审批', templates: '模板库', runs: '运行监控', workbench: '坐席工作台', fit: 'CPC 适配', trace: '客户轨迹', audit: '审计日志', users: '用户管理', admin: '系统设置' },
  auth: { login: '登录', logout: '退出登录', username: '用户名', password: '密码', submit: '登录', failed: '登录失败', welcome: '欢迎使用 Linkage', demoHint: '这是演示环境：演示账号 {{users}}，密码均为 {{password}}（仅供试用，勿存真实数据）。', expired: '登录已过期，请重新登录；登录后回到刚才的页面。', leaving: '正在退出…' },
  roles: { planner: '营销策划', supervisor: '审核主管', trainer: '培训/模板管理', agent: '坐席/营业员', admin: '系统管理员' },
  account: { changePassword: '修改密码', current: '当前密码', next: '新密码', repeat: '再次输入新密码', save: '修改', mismatch: '两次输入的新密码不一致', changed: '密码已修改。您在其他设备上的登录已退出。', rules: '至少 10 位，不能是常见密码，不能包含用户名。' },
  common: { language: 'English', loading: '加载中…', error: '出错了', save: '保存', cancel: '取消', close: '关闭', confirm: '确认', datePlaceholder: '年-月-日，如 2026-05-01', dateInvalid: '请按“年-月-日”填写，如 2026-05-01' },
  designer: designerZh,
  gov: govZh,
  mon: monZh,
  dataImport: importZh,
  errors: { notFound: '页面不存在', notFoundHint: '没有地址为 {{path}} 的页面，可能链接已过期或输入有误。', home: '返回首页', noAccess: '您没有访问此页面的权限（需要：{{roles}}）', noAccessHint: '{{path}} 仅向以上角色开放；如需访问，请联系系统管理员。' },
} as const;
