import { z } from 'zod';
import type { Text } from '../text.js';
import demo from './demo-catalogue.json';
import type { Stage } from './stages.js';

/**
 * Channel ids are a fixed set: contact-preference bitmasks, the CP fit table and the adapters are keyed by
 * them. Every other property of a channel is catalogue data an admin edits (see `active.ts`).
 */
export const CHANNEL_IDS = [
  'sms_hall', 'bulk_sms', 'ivr_10086', 'outbound_call', 'app', 'web_hall',
  'wap_hall', 'online_mall', 'wechat', 'kiosk', 'store', 'dealer',
] as const;
export const channelIdSchema = z.enum(CHANNEL_IDS);
export type ChannelId = z.infer<typeof channelIdSchema>;

/** How contacts on a channel are delivered: a machine gateway, or a person working a queue. */
export const CHANNEL_KINDS = ['message', 'agent'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelDef {
  id: ChannelId;
  label: Text;
  /** A disabled channel is a validation issue on every touch that names it. */
  enabled: boolean;
  electronic: boolean;
  kind: ChannelKind;
  stages: readonly Stage[];
  /** Cost per contact, yuan. */
  costPerContact: number;
  /** Contacts the channel can make per day (seats × calls, SMS throughput, clerks). */
  dailyCapacity: number;
  /** Local hours [start, end) during which the channel may contact a customer. */
  contactHours: readonly [number, number];
  /** Local hours [start, end) inside the contact hours when the channel stays silent (e.g. lunch), or null. */
  quietHours: readonly [number, number] | null;
  /** Feature phones cannot use app / WeChat / mall. */
  needsSmartphone: boolean;
  /** Median hours until an outcome (response) comes back. */
  responseDelayHours: number;
  /** Signature SMS channels put in front of a message (e.g. 【中国移动】); empty for other channels. */
  smsSignature: string;
}

/**
 * The channel catalogue (渠道目录): the active catalogue's channels, refilled in place by `setCatalogue`
 * (so every importer sees an admin's edit without a restart). Until a process loads its store's catalogue
 * it holds the demo seed (`demo-catalogue.json`).
 */
export const CHANNELS: readonly ChannelDef[] = [...(demo.channels as unknown as ChannelDef[])];

export const CHANNEL_BY_ID = Object.fromEntries(CHANNELS.map((c) => [c.id, c])) as Record<ChannelId, ChannelDef>;

export const channelServes = (channel: ChannelId, stage: Stage): boolean => CHANNEL_BY_ID[channel].stages.includes(stage);
