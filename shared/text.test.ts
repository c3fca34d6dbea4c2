import { describe, expect, test } from 'vitest';
import { bilingualHalves } from './text.js';

describe('bilingualHalves', () => {
  test('splits a `中文 / English` message at its first separator', () => {
    expect(bilingualHalves('手机号无效 / invalid phone')).toEqual({ zh: '手机号无效', en: 'invalid phone' });
    // the Chinese half never holds the separator; the English one may (`sms / call`)
    expect(bilingualHalves('渠道：短信、外呼 / channels: sms / call')).toEqual({ zh: '渠道：短信、外呼', en: 'channels: sms / call' });
  });

  test('a message without the separator reads the same in both languages', () => {
    expect(bilingualHalves('ECONNREFUSED')).toEqual({ zh: 'ECONNREFUSED', en: 'ECONNREFUSED' });
    expect(bilingualHalves('a/b')).toEqual({ zh: 'a/b', en: 'a/b' });
    expect(bilingualHalves('')).toEqual({ zh: '', en: '' });
  });
});
