import { z } from 'zod';
import { t, type Text } from '../text.js';
import type { Stage } from './stages.js';

export const CHANNEL_IDS = [
  'sms_hall', 'bulk_sms', 'ivr_10086', 'outbound_call', 'app', 'web_hall',
  'wap_hall', 'online_mall', 'wechat', 'kiosk', 'store', 'dealer',
] as const;
export const channelIdSchema = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof channelIdSchema>;

/** How contacts on a channel are delivered: a machine gateway, or a person working a queue. */
export type ChannelKind = 'message' | 'agent';

export interface ChannelDef {
  id: ChannelId;
  label: Text;
  electronic: boolean;
  kind: ChannelKind;
  stages: readonly Stage[];
  /** Cost per contact, yuan. */
  costPerContact: number;
  /** Contacts the channel can make per day (seats × calls, SMS throughput, clerks). */
  dailyCapacity: number;
  /** Local hours [start, end) during which the channel may contact a customer. */
  contactHours: readonly [number, number];
  /** Feature phones cannot use app / WeChat / mall. */
  needsSmartphone: boolean;
  /** Median hours until an outcome (response) comes back. */
  responseDelayHours: number;
}

/**
 * The channel catalogue (渠道目录). Numbers are plausible for a provincial operator; they seed the
 * database and drive the simulated gateways. The share figures in the seeds (SMS hall 45%, IVR 42%)
 * show in the capacities.
 */
export const CHANNELS: readonly ChannelDef[] = [
  { id: 'sms_hall', label: t('短信营业厅', 'SMS business hall'), electronic: true, kind: 'message', stages: ['publicity', 'sales'], costPerContact: 0.05, dailyCapacity: 400_000, contactHours: [8, 21], needsSmartphone: false, responseDelayHours: 2 },
  { id: 'bulk_sms', label: t('群发端口', 'Bulk SMS port'), electronic: true, kind: 'message', stages: ['publicity'], costPerContact: 0.03, dailyCapacity: 1_000_000, contactHours: [8, 21], needsSmartphone: false, responseDelayHours: 4 },
  { id: 'ivr_10086', label: t('10086 语音', '10086 IVR'), electronic: true, kind: 'message', stages: ['publicity', 'experience', 'sales'], costPerContact: 0.3, dailyCapacity: 150_000, contactHours: [8, 22], needsSmartphone: false, responseDelayHours: 1 },
  { id: 'outbound_call', label: t('外呼中心', 'Outbound call centre'), electronic: true, kind: 'agent', stages: ['publicity', 'experience', 'sales'], costPerContact: 3.5, dailyCapacity: 8_000, contactHours: [9, 20], needsSmartphone: false, responseDelayHours: 0.5 },
  { id: 'app', label: t('掌上营业厅', 'Mobile app'), electronic: true, kind: 'message', stages: ['publicity', 'experience', 'sales'], costPerContact: 0.01, dailyCapacity: 500_000, contactHours: [8, 22], needsSmartphone: true, responseDelayHours: 6 },
  { id: 'web_hall', label: t('网上营业厅', 'Web business hall'), electronic: true, kind: 'message', stages: ['publicity', 'sales'], costPerContact: 0.02, dailyCapacity: 200_000, contactHours: [0, 24], needsSmartphone: false, responseDelayHours: 24 },
  { id: 'wap_hall', label: t('WAP 营业厅', 'WAP hall'), electronic: true, kind: 'message', stages: ['publicity', 'sales'], costPerContact: 0.02, dailyCapacity: 100_000, contactHours: [0, 24], needsSmartphone: true, responseDelayHours: 24 },
  { id: 'online_mall', label: t('网上商城', 'Online mall'), electronic: true, kind: 'message', stages: ['experience', 'sales'], costPerContact: 0.02, dailyCapacity: 300_000, contactHours: [0, 24], needsSmartphone: true, responseDelayHours: 12 },
  { id: 'wechat', label: t('微信公众号', 'WeChat official account'), electronic: true, kind: 'message', stages: ['publicity', 'experience', 'sales'], costPerContact: 0.01, dailyCapacity: 600_000, contactHours: [8, 22], needsSmartphone: true, responseDelayHours: 3 },
  { id: 'kiosk', label: t('自助终端', 'Self-service kiosk'), electronic: true, kind: 'message', stages: ['experience', 'sales'], costPerContact: 0.1, dailyCapacity: 20_000, contactHours: [0, 24], needsSmartphone: false, responseDelayHours: 48 },
  { id: 'store', label: t('自有营业厅', 'Owned store'), electronic: false, kind: 'agent', stages: ['publicity', 'experience', 'sales'], costPerContact: 8, dailyCapacity: 5_000, contactHours: [9, 18], needsSmartphone: false, responseDelayHours: 48 },
  { id: 'dealer', label: t('社会渠道代办点', 'Dealer outlet'), electronic: false, kind: 'agent', stages: ['experience', 'sales'], costPerContact: 6, dailyCapacity: 4_000, contactHours: [9, 20], needsSmartphone: false, responseDelayHours: 72 },
];

export const CHANNEL_BY_ID = Object.fromEntries(CHANNELS.map((c) => [c.id, c])) as Record<ChannelId, ChannelDef>;

export const channelServes = (channel: ChannelId, stage: Stage): boolean => CHANNEL_BY_ID[channel].stages.includes(stage);
