import { describe, expect, it } from 'vitest';
import { receiptText } from '../gateway/smpp-server.js';
import { parseReceipt } from './session.js';

describe('SMPP delivery receipt text (SMPP 3.4 appendix B)', () => {
  it('reads id, stat and dates', () => {
    expect(parseReceipt('id:0123456789 sub:001 dlvrd:000 submit date:2512060455 done date:2512060501 stat:UNDELIV err:001 text:您好')).toEqual({
      id: '0123456789', stat: 'UNDELIV', submitDate: '2512060455', doneDate: '2512060501',
    });
  });

  it('lower-case keys and stat are accepted; text without id or stat is not a receipt', () => {
    expect(parseReceipt('id:abc stat:delivrd')).toEqual({ id: 'abc', stat: 'DELIVRD' });
    expect(parseReceipt('回复1办理')).toBeNull();
    expect(parseReceipt('id:abc only')).toBeNull();
  });

  it('reads what the local gateway writes', () => {
    const text = receiptText({ msgId: 'L00000001', to: '138', from: '106', stat: 'EXPIRED', submitTime: '2512060455', doneTime: '2512070455' });
    expect(parseReceipt(text)).toEqual({ id: 'L00000001', stat: 'EXPIRED', submitDate: '2512060455', doneDate: '2512070455' });
  });
});
