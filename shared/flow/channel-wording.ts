import { CHANNEL_BY_ID, type ChannelId } from '../catalogue/channels.js';
import { DISPOSITIONS, type Disposition } from './script.js';

/**
 * How a touch reaches the customer, as the editor and the workbench word it: a text message (SMS
 * parts and reply keywords), a push or page message (no SMS parts, quick replies), a voice prompt
 * (key presses), a call by an agent, or a visit to a store or dealer.
 */
export type ChannelForm = 'sms' | 'push' | 'voice' | 'call' | 'visit';

const FORM_BY_CHANNEL: Record<ChannelId, ChannelForm> = {
  sms_hall: 'sms', bulk_sms: 'sms', ivr_10086: 'voice', outbound_call: 'call', app: 'push', web_hall: 'push', wap_hall: 'push',
  online_mall: 'push', wechat: 'push', kiosk: 'push', store: 'visit', dealer: 'visit',
};

export const channelForm = (channel: string): ChannelForm => FORM_BY_CHANNEL[channel as ChannelId] ?? (CHANNEL_BY_ID[channel as ChannelId]?.kind === 'agent' ? 'call' : 'push');

/** A customer standing in a store can neither not answer nor be busy: visits record the rest. */
const VISIT_DISPOSITIONS: readonly Disposition[] = ['accepted', 'declined', 'callback'];

/** The dispositions an agent may record for a touch on this channel, in the catalogue's order. */
export function dispositionsFor(channel: string, allowed: readonly string[] = DISPOSITIONS): Disposition[] {
  const fit = channelForm(channel) === 'visit' ? VISIT_DISPOSITIONS : DISPOSITIONS;
  return DISPOSITIONS.filter((d) => fit.includes(d) && allowed.includes(d));
}
