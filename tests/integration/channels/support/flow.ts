/** Helpers for the gateway delivery tests: a binding to the local gateway, a live two-touch SMS flow. */
import type { Machine } from '../../../../shared/machine/types.js';
import type { GatewayPorts } from '../../../../server/channels/gateway/gateway.js';
import { ACCESS_NUMBER, ACCOUNTS, type Proto } from '../../../../server/channels/test-support.js';
import type { GatewayBinding } from '../../../../server/channels/delivery/gateway-adapter.js';
import { DAY } from '../../../../server/engine/core/clock.js';
import { DEFAULT_POLICY, type ContactPolicy } from '../../../../server/engine/core/policy.js';
import { end, machine, touch } from '../../engine/support/machines.js';

export function binding(proto: Proto, ports: GatewayPorts, over: Partial<GatewayBinding['settings']['gateway']> = {}, version = 1): GatewayBinding {
  return {
    channel: 'bulk_sms', version, updatedAt: 0, updatedBy: 'test',
    settings: {
      kind: proto,
      gateway: {
        host: '127.0.0.1', port: proto === 'cmpp' ? ports.cmpp : ports.smpp, account: proto === 'cmpp' ? '901234' : 'linkage',
        password: proto === 'cmpp' ? ACCOUNTS['901234'] : ACCOUNTS.linkage, version: '3.0', serviceId: 'MKT', accessNumber: ACCESS_NUMBER,
        tps: 2_000, window: 16, signature: '中国移动', ...over,
      },
    },
  };
}

/**
 * A live flow over this week (Beijing dates): a sales SMS on bulk_sms (reply 1 to order, second
 * confirmation required), then after `timeoutHours` without an order a reminder SMS on the same channel.
 */
export function liveSmsFlow(flowId: string, timeoutHours: number): Machine {
  const day = (d: number) => new Date(Date.now() + 8 * 3600_000 + d * DAY).toISOString().slice(0, 10);
  return machine([
    ...touch('t1', 'bulk_sms', 'sales', { responded: 't2.send', noResponse: 't2.send', converted: 'won', unreachable: 'lost' }, timeoutHours, 'msg2'),
    ...touch('t2', 'bulk_sms', 'sales', { responded: 'done', noResponse: 'done', converted: 'won', unreachable: 'lost' }, timeoutHours, 'msg2'),
    end('won', 'converted'), end('done', 'completed'), end('lost', 'unreachable'),
  ], { flowId, period: { start: day(-1), end: day(7) } });
}

export const smsPolicy: ContactPolicy = { ...DEFAULT_POLICY, dailyCap: 10, weeklyCap: 20, channels: { bulk_sms: { contactHours: [0, 24] as const } } };
