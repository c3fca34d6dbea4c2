import type { importZh } from './import-i18n-zh.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The data import page, English. Typed against the Chinese resource so a missing key is a compile error. */
export const importEn: Shape<typeof importZh> = {
  tab: 'Data import',
  title: 'Import the operator\'s data',
  dataset: {
    label: 'Data set', subscribers: 'Subscribers', products: 'Product holdings', optout: 'Opt-out list', dnd: 'Do-not-disturb list', exclusion: 'Exclusion list',
    hint: {
      subscribers: 'One customer per row: mobile number and city are required, other columns map to customer attributes.',
      subscribersDistrict: 'One customer per row: mobile number, city and district are required (customers of your district only), other columns map to customer attributes.', products: 'One holding per row: mobile number, product id.',
      optout: 'One opt-out per row: mobile number, channel (empty = every marketing channel).', dnd: 'One do-not-disturb number per row.', exclusion: 'One customer per row (mobile number or customer id), saved as a named exclusion list.',
    },
  },
  list: 'List name', listPlaceholder: 'e.g. Complainants', listMissing: 'Enter the list name before starting the import',
  file: 'Choose a CSV or Parquet file', fileHint: "A CSV file's first row is the header, in UTF-8 or GBK; a Parquet file's columns are mapped by name.",
  uploading: 'Uploading… {{done}} / {{total}}', uploaded: 'Uploaded {{name}} ({{size}})', uploadFailed: 'Upload failed: {{message}}',
  encoding: { label: 'File encoding', auto: 'Detect', utf8: 'UTF-8', gbk: 'GBK', detected: 'Detected as {{enc}}', parquet: 'Parquet file' },
  mapping: {
    title: 'Columns to attributes', hint: 'Pick the customer attribute for each column; columns whose names match are already mapped. Attributes marked * must be mapped.', skip: '(do not import)',
    rows: 'About {{n}} data rows', rowsExact: '{{n}} data rows', preview: 'First {{count}} rows', missing: 'Still to map: {{fields}}', twice: 'Attribute "{{field}}" is mapped from more than one column',
  },
  mode: {
    label: 'Mode', upsert: 'Update and add', upsertHint: 'Customers in the file: existing ones get the chosen attributes, new ones are added; customers not in the file stay as they are.',
    replace: 'Replace', replaceHint: 'After the import the customer base (your unit\'s part of it) is exactly the file.',
    upsertListHint: 'The file\'s entries are added; entries already there stay.', replaceListHint: 'After the import the list is exactly the file.',
    replaceWarn: 'Careful: customers not in the file are deleted with their product holdings and list entries, and their running journeys end (reason: removed from the base).',
    listReplaceWarn: 'Careful: the list becomes exactly the file; entries not in it are removed.',
  },
  dryRun: 'Check only (dry run, nothing is changed)', start: 'Start import', startDry: 'Start check', again: 'Import this file for real', newImport: 'Import another file',
  progress: {
    title: 'Progress', rows: '{{done}} of about {{total}} rows read', rate: '{{rate}} rows/s', left: 'about {{time}} left', finishing: 'Checking and writing…',
    cancel: 'Cancel import', cancelling: 'Cancelling…', seconds: '{{n}} s', minutes: '{{m}} min {{s}} s',
  },
  result: {
    succeeded: 'Import finished', dry: 'Check finished: the file can be imported (nothing was changed)', failed: 'Import failed; nothing was changed', cancelled: 'Cancelled; nothing was changed', readBeforeCancel: '{{n}} rows were read before the cancel; none was imported',
    counts: '{{rows}} rows: {{good}} good, {{bad}} bad', inserted: '{{n}} added', updated: '{{n}} updated', removed: '{{n}} removed', added: '{{n}} added', journeysEnded: '{{n}} journeys ended',
    report: 'Download the bad rows', reportFile: '{{name}}-bad-rows.csv', reportTitle: 'Bad rows', reportTitleFirst: 'Bad rows (the first {{count}} of {{total}})', line: 'Line', column: 'Column', reason: 'Reason', truncated: 'The report is large; only its first 5 MB was downloaded',
  },
  jobs: {
    title: 'Recent imports', empty: 'No imports yet', when: 'When', dataset: 'Data set', file: 'File', by: 'Run by', cli: 'CLI', status: 'Status', rows: 'Rows', bad: 'Bad', rate: 'Speed (rows/s)',
    status_running: 'Running', status_succeeded: 'Succeeded', status_failed: 'Failed', status_cancelled: 'Cancelled', dry: ' (dry run)',
  },
  estimate: { value: '≈ {{n}}', interval: '95% range {{low}}–{{high}}', counting: 'counting exactly…' },
};
