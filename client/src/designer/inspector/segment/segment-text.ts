import { t } from '../../../../../shared/text.js';

/** The segment builder's words for attributes and saved segments (#18 items 2 and 4), in both languages. */
export const SEG = {
  listHint: t('多个取值用逗号分隔', 'separate values with commas'),
  days: t('天', 'days'),
  saved: t('保存的客群', 'Saved segment'),
  savedHint: t('条件与排除规则来自保存的客群，此处只读。草稿在打开、校验和提交时采用最新条件；已提交、已批准和已发布的流程保持审批时的条件。', 'Conditions and exclusions come from the saved segment and are read-only here; drafts take its changes when opened, validated and submitted; submitted, approved and published flows keep the conditions they were approved with.'),
  use: t('使用保存的客群…', 'Use a saved segment…'),
  none: t('（不使用）', '(none)'),
  saveAs: t('保存为客群', 'Save as segment'),
  name: t('客群名称', 'Segment name'),
  save: t('保存', 'Save'),
  cancel: t('取消', 'Cancel'),
  edit: t('编辑保存的客群', 'Edit saved segment'),
  detach: t('脱离，在此编辑', 'Detach to edit here'),
  usedBy: t('使用此客群的流程：', 'Flows using it: '),
  noUsers: t('暂无流程使用', 'No flow uses it yet'),
  // flows of units the caller cannot see: counted, not named ("more" when some are listed above)
  hiddenMore: t('另有 {n} 个您无权查看的流程使用', '{n} more flows you cannot open use it'),
  hiddenMoreOne: t('另有 1 个您无权查看的流程使用', '1 more flow you cannot open uses it'),
  hiddenOnly: t('{n} 个您无权查看的流程使用', '{n} flows you cannot open use it'),
  hiddenOnlyOne: t('1 个您无权查看的流程使用', '1 flow you cannot open uses it'),
  takesChanges: t('草稿 · 将采用修改', 'draft · takes the change'),
  keepsCopy: t('保持审批时的条件', 'keeps its approved conditions'),
  liveCount: t('当前人数：', 'Live count: '),
  readOnlyUnit: t('其他单位的客群，仅可使用', 'Another unit\'s segment: use only'),
  missing: t('保存的客群已不存在或不可见，条件保留为本流程的副本', 'The saved segment no longer exists or is not visible; the conditions stay as this flow\'s copy'),
  editing: t('正在编辑保存的客群（影响所有使用它的流程）', 'Editing the saved segment (affects every flow using it)'),
} as const;
