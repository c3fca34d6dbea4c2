import { describe, expect, test } from 'vitest';
import { channelForm, dispositionsFor } from './channel-wording.js';

describe('wording by channel', () => {
  test('each channel has its form', () => {
    expect(channelForm('bulk_sms')).toBe('sms');
    expect(channelForm('app')).toBe('push');
    expect(channelForm('ivr_10086')).toBe('voice');
    expect(channelForm('outbound_call')).toBe('call');
    expect(channelForm('store')).toBe('visit');
    expect(channelForm('dealer')).toBe('visit');
  });

  test('a store visit offers no "no answer" or "busy"; a call offers all the script allows', () => {
    expect(dispositionsFor('store')).toEqual(['accepted', 'declined', 'callback']);
    expect(dispositionsFor('outbound_call')).toEqual(['accepted', 'declined', 'no_answer', 'busy', 'callback']);
    expect(dispositionsFor('outbound_call', ['accepted', 'busy'])).toEqual(['accepted', 'busy']);
    expect(dispositionsFor('dealer', ['no_answer', 'declined'])).toEqual(['declined']);
  });
});
