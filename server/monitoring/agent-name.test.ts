import { describe, expect, test } from 'vitest';
import { agentCallName } from './agent-name.js';

describe('{agent} in scripts: the name the customer hears', () => {
  test('the role word goes; a lone surname reads as 小 + surname', () => {
    expect(agentCallName('刘坐席')).toBe('小刘');
    expect(agentCallName('陈营业员')).toBe('小陈');
    expect(agentCallName('欧阳坐席')).toBe('欧阳');
  });

  test('a real name stays as it is', () => {
    expect(agentCallName('刘晓燕')).toBe('刘晓燕');
    expect(agentCallName(' Liu Xiaoyan ')).toBe('Liu Xiaoyan');
  });

  test('English role words go too; a name that is only a role word is kept rather than emptied', () => {
    expect(agentCallName('Agent Liu')).toBe('Liu');
    expect(agentCallName('坐席')).toBe('坐席');
    expect(agentCallName('agent')).toBe('agent');
  });
});
