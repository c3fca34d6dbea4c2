import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { GROUP_LABELS, type GroupId } from '../../../shared/catalogue/groups.js';
import { STAGE_LABELS, type Stage } from '../../../shared/catalogue/stages.js';
import type { Lang } from '../../../shared/text.js';
import { formatBucket, formatDateTime } from '../lib/time.js';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export const fmtInt = (n: number, lang: Lang): string => Math.round(n).toLocaleString(locale(lang));
export const fmtPct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
/** Whole yuan without decimals, anything else to the fen (¥3.90, not ¥3.9 beside ¥7.74). */
export const fmtMoney = (n: number, lang: Lang): string => {
  const digits = Math.round(n * 100) % 100 === 0 ? 0 : 2;
  return `¥${n.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
};
/** A share of a whole: a few in thousands is "<0.1%", not "0.0%" (one conversion must not read as none). */
export const fmtShare = (x: number): string => (x > 0 && x < 0.0005 ? '<0.1%' : fmtPct(x));
export const fmtRatio = (x: number): string => x.toFixed(2);
export const fmtLift = (x: number | null): string => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
/** Times and chart buckets in the one client time zone and format (lib/time); `lang` stays for the callers' symmetry. */
export const fmtTime = (ms: number, _lang?: Lang): string => formatDateTime(ms);
export const fmtBucket = (ms: number, bucket: 'hour' | 'day', _lang?: Lang): string => formatBucket(ms, bucket);

export const channelName = (id: string, lang: Lang): string => CHANNEL_BY_ID[id as ChannelId]?.label[lang] ?? id;
export const groupName = (id: string, lang: Lang): string => GROUP_LABELS[id as GroupId]?.[lang] ?? id;
export const stageName = (id: string, lang: Lang): string => STAGE_LABELS[id as Stage]?.[lang] ?? id;

/** Stage colours, the same tokens as styles.css, for charts (ECharts needs literal colours). */
export const STAGE_COLOURS: Record<Stage | 'converted', string> = { publicity: '#2563eb', experience: '#9333ea', sales: '#ea580c', converted: '#0d9488' };
export const CHART_COLOURS = ['#0d9488', '#2563eb', '#9333ea', '#ea580c', '#d97706', '#64748b', '#dc2626', '#14b8a6'];
