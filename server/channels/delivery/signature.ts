import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';

/** The signature in 【】 before the text (operators require it on every commercial SMS), unless the text already carries it. */
export const signed = (text: string, signature: string | undefined): string => {
  const sig = signature?.trim();
  if (!sig) return text;
  const tag = sig.startsWith('【') ? sig : `【${sig}】`;
  return text.includes(tag) ? text : `${tag}${text}`;
};

/**
 * The signature a channel's messages carry: the catalogue's (admins edit it in 目录管理; read at each send, so an
 * edit applies to the next message), else the binding's own setting.
 */
export const channelSignature = (channel: string, bindingSignature: string | undefined): string | undefined =>
  CHANNEL_BY_ID[channel as ChannelId]?.smsSignature || bindingSignature || undefined;
