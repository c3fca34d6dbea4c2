import { appendFileSync, writeFileSync } from 'node:fs';
import type { RowError } from './validate.js';

/** The bad rows kept in memory for the summary; the report file has them all. */
const SAMPLE = 100;

const csvCell = (v: string | number): string => (typeof v === 'number' || !/[",\n\r]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);

/** The bad-row report: a CSV (line, column, reason in zh and en) written as rows are found, never held whole. */
export class BadRowReport {
  count = 0;
  readonly sample: RowError[] = [];
  private pending: string[] = [];

  constructor(readonly path: string) {
    writeFileSync(path, '\uFEFFline,column,reason_zh,reason_en\n');
  }

  add(e: RowError): void {
    this.count++;
    if (this.sample.length < SAMPLE) this.sample.push(e);
    this.pending.push([e.line, e.column, e.reason.zh, e.reason.en].map(csvCell).join(','));
    if (this.pending.length >= 1000) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    appendFileSync(this.path, `${this.pending.join('\n')}\n`);
    this.pending = [];
  }
}
