import { end, machine, touch } from './machines.js';

/**
 * The run engine workers share in the scale-out test and benchmark: three touches across publicity,
 * experience and sales on channels whose daily capacity exceeds the audience, and no budget — so no
 * customer's outcome depends on another's and any split of the work must end the same.
 */
export const workersFlow = machine([
  ...touch('t1', 'sms_hall', 'publicity', { responded: 't2.send', noResponse: 't2.send', converted: 'won', unreachable: 't2.send' }, 48),
  ...touch('t2', 'app', 'experience', { responded: 't3.send', noResponse: 't3.send', converted: 'won', unreachable: 't3.send' }, 48),
  ...touch('t3', 'wechat', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, 72),
  end('won', 'converted'), end('done', 'completed'), end('lost', 'unreachable'),
], { flowId: 'workers-flow' });
