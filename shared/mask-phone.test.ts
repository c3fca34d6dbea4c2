import { expect, test } from 'vitest';
import { maskPhone } from './mask-phone.js';

test('the middle digits of a phone number are hidden', () => {
  expect(maskPhone('13812345678')).toBe('138****5678');
  expect(maskPhone('+8613812345678')).toBe('+86*******5678');
  expect(maskPhone('10086')).toBe('***86');
  expect(maskPhone('7')).toBe('*');
});
