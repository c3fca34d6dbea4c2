/** The data import page (系统设置 › 数据导入), Simplified Chinese. English in import-i18n-en.ts, typed against this. */
export const importZh = {
  tab: '数据导入',
  title: '导入运营商数据',
  dataset: {
    label: '数据类型', subscribers: '客户资料', products: '已订购产品', optout: '退订名单', dnd: '免打扰名单', exclusion: '排除名单',
    hint: {
      subscribers: '每行一位客户：手机号码、地市必填，其余列对应客户属性。',
      subscribersDistrict: '每行一位客户：手机号码、地市、区县必填（只能导入本区县的客户），其余列对应客户属性。', products: '每行一条订购：手机号码、产品编号。',
      optout: '每行一条退订：手机号码，渠道（留空 = 全部营销渠道）。', dnd: '每行一个免打扰号码。', exclusion: '每行一位客户（手机号码或客户编号），导入为一个已保存的排除名单。',
    },
  },
  list: '名单名称', listPlaceholder: '如：投诉名单', listMissing: '请先填写名单名称，再开始导入',
  file: '选择 CSV 或 Parquet 文件', fileHint: 'CSV 第一行是表头，支持 UTF-8 和 GBK 编码；Parquet 按列名对应。',
  uploading: '上传中… {{done}} / {{total}}', uploaded: '已上传 {{name}}（{{size}}）', uploadFailed: '上传失败：{{message}}',
  encoding: { label: '文件编码', auto: '自动识别', utf8: 'UTF-8', gbk: 'GBK', detected: '识别为 {{enc}}', parquet: 'Parquet 文件' },
  mapping: {
    title: '列与属性对应', hint: '为每一列选择对应的客户属性；名称一致的列已自动对应。带 * 的属性必须对应。', skip: '（不导入）',
    rows: '约 {{n}} 行数据', rowsExact: '共 {{n}} 行数据', preview: '前 {{count}} 行预览', missing: '还需对应：{{fields}}', twice: '属性“{{field}}”对应了多列',
  },
  mode: {
    label: '导入方式', upsert: '更新并新增', upsertHint: '文件中的客户：已有的更新所选属性，没有的新增；不在文件中的保持不变。',
    replace: '整体替换', replaceHint: '导入后，客户库（您所在单位的部分）将与文件完全一致。',
    upsertListHint: '文件中的记录加入名单，已有的记录保持不变。', replaceListHint: '导入后，名单将与文件完全一致。',
    replaceWarn: '注意：不在文件中的客户会被删除，连同其已订购产品和名单记录；他们正在进行的营销旅程将结束（原因：已移出客户库）。',
    listReplaceWarn: '注意：名单将与文件完全一致，不在文件中的记录会被移除。',
  },
  dryRun: '仅检查（试运行，不改动数据）', start: '开始导入', startDry: '开始检查', again: '正式导入此文件', newImport: '导入另一个文件',
  progress: {
    title: '导入进度', rows: '已读取 {{done}} / 约 {{total}} 行', rate: '{{rate}} 行/秒', left: '预计剩余 {{time}}', finishing: '正在检查并写入…',
    cancel: '取消导入', cancelling: '正在取消…', seconds: '{{n}} 秒', minutes: '{{m}} 分 {{s}} 秒',
  },
  result: {
    succeeded: '导入完成', dry: '检查完成：文件可以导入（未改动任何数据）', failed: '导入失败，数据未改动', cancelled: '已取消，数据未改动', readBeforeCancel: '取消前已读取 {{n}} 行，均未导入',
    counts: '共 {{rows}} 行：有效 {{good}} 行，有误 {{bad}} 行', inserted: '新增 {{n}}', updated: '更新 {{n}}', removed: '移除 {{n}}', added: '加入 {{n}}', journeysEnded: '结束旅程 {{n}}',
    report: '下载错误明细', reportFile: '{{name}}-错误明细.csv', reportTitle: '有误的行', reportTitleFirst: '有误的行（共 {{total}} 行，显示前 {{count}} 行）', line: '行号', column: '列', reason: '原因', truncated: '报告过大，仅下载了前 5 MB',
  },
  jobs: {
    title: '最近的导入', empty: '还没有导入记录', when: '时间', dataset: '类型', file: '文件', by: '导入人', cli: '命令行', status: '状态', rows: '行数', bad: '有误', rate: '速度（行/秒）',
    status_running: '进行中', status_succeeded: '成功', status_failed: '失败', status_cancelled: '已取消', dry: '（试运行）',
  },
  /** The segment builder's live count while the exact count runs (estimated from the subscriber sample). */
  estimate: { value: '约 {{n}}', interval: '95% 区间 {{low}}–{{high}}', counting: '精确计数中…' },
} as const;
