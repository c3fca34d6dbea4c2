import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_BY_ID } from '../../../shared/catalogue/channels.js';
import { channelSignature, signed } from './signature.js';

const original = CHANNEL_BY_ID.sms_hall.smsSignature;
afterEach(() => { CHANNEL_BY_ID.sms_hall.smsSignature = original; });

describe('SMS signature', () => {
  it("the catalogue's channel signature comes first, read at each send; the binding's is the fallback", () => {
    CHANNEL_BY_ID.sms_hall.smsSignature = '【中国移动】';
    expect(channelSignature('sms_hall', '【广东移动】')).toBe('【中国移动】');
    CHANNEL_BY_ID.sms_hall.smsSignature = '【广州移动】';
    expect(channelSignature('sms_hall', '【广东移动】')).toBe('【广州移动】');
    CHANNEL_BY_ID.sms_hall.smsSignature = '';
    expect(channelSignature('sms_hall', '【广东移动】')).toBe('【广东移动】');
    expect(channelSignature('sms_hall', undefined)).toBeUndefined();
    expect(channelSignature('no_such_channel', '【广东移动】')).toBe('【广东移动】');
  });

  it('is put before the text once, in 【】', () => {
    expect(signed('您好', '中国移动')).toBe('【中国移动】您好');
    expect(signed('【中国移动】您好', '【中国移动】')).toBe('【中国移动】您好');
    expect(signed('您好', undefined)).toBe('您好');
  });
});
