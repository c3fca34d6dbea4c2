import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { GROUP_LABELS, type GroupId } from '../../../shared/catalogue/groups.js';
import { STAGE_LABELS, type Stage } from '../../../shared/catalogue/stages.js';
import type { Lang } from '../../../shared/text.js';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export const fmtInt = (n: number, lang: Lang): string => Math.round(n).toLocaleString(locale(lang));
export const fmtPct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const fmtMoney = (n: number, lang: Lang): string => `¥${n.toLocaleString(locale(lang), { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
export const fmtRatio = (x: number): string => x.toFixed(2);
export const fmtLift = (x: number | null): string => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
export const fmtTime = (ms: number, lang: Lang): string => new Date(ms).toLocaleString(locale(lang), { hour12: false, timeZone: 'Asia/Shanghai' });
/** Bucket labels in the operator's local time (UTC+8). */
export const fmtBucket = (ms: number, bucket: 'hour' | 'day', lang: Lang): string =>
  new Date(ms).toLocaleString(locale(lang), bucket === 'hour'
    ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }
    : { month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' });

export const channelName = (id: string, lang: Lang): string => CHANNEL_BY_ID[id as ChannelId]?.label[lang] ?? id;
export const groupName = (id: string, lang: Lang): string => GROUP_LABELS[id as GroupId]?.[lang] ?? id;
export const stageName = (id: string, lang: Lang): string => STAGE_LABELS[id as Stage]?.[lang] ?? id;

/** Stage colours, the same tokens as styles.css, for charts (ECharts needs literal colours). */
export const STAGE_COLOURS: Record<Stage | 'converted', string> = { publicity: '#2563eb', experience: '#9333ea', sales: '#ea580c', converted: '#0d9488' };
export const CHART_COLOURS = ['#0d9488', '#2563eb', '#9333ea', '#ea580c', '#d97706', '#64748b', '#dc2626', '#14b8a6'];
