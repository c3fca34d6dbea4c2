/**
 * `npm run bench -- --only channels`: submits per second per link (CMPP 3.0 and SMPP 3.4) against the
 * local test gateway (same process, loopback TCP), beside the gateway's own acceptance rate (from its
 * submit log), once at a contracted TPS (which must be honoured) and once unthrottled (raw capacity);
 * then the same from a live run's outbox through the gateway adapter (bench/channels-e2e.ts).
 */
import { TestGateway } from '../server/channels/gateway/gateway.js';
import { ACCOUNTS, linkTo, type Proto } from '../server/channels/test-support.js';
import { endToEnd, type EndToEndRow } from './channels-e2e.js';
import { fmt, table } from './util.js';

interface Row {
  proto: Proto;
  tps: number | null;
  window: number;
  messages: number;
  linkPerSec: number;
  gatewayPerSec: number;
  ratio: number;
  /** Most submits arriving at the gateway in any one-second span. */
  peakSecond: number;
}

export interface ChannelsReport {
  rows: Row[];
  endToEnd: EndToEndRow[];
  targets: { name: string; target: string; value: string; met: boolean }[];
  text: string;
}

async function run(proto: Proto, tps: number | null, messages: number): Promise<Row> {
  const gw = new TestGateway({ accounts: ACCOUNTS, reportDelayMs: 50 });
  const ports = await gw.listen();
  const window = 16;
  const link = linkTo(proto, ports, { window, tps: tps ?? 1e9 });
  link.start();
  try {
    await link.submit({ to: '13800000000', text: 'warm-up' });
    const skip = gw.log.length;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: messages }, (_, i) => link.submit({ to: `138${String(i).padStart(8, '0')}`, text: `【联动】第${i}条优惠提醒，回复TD退订` })));
    const linkSecs = (performance.now() - t0) / 1000;
    const accepted = gw.log.slice(skip).filter((e) => e.outcome === 'accepted');
    const arrivals = gw.arrivals.slice(skip);
    // The gateway's acceptance rate: accepted submits over the span from the first arrival to the last answer.
    const gwSecs = Math.max(0.001, (Date.parse(accepted.at(-1)!.at) - Date.parse(accepted[0]!.at) + 1) / 1000);
    let peak = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const linkPerSec = messages / linkSecs;
    const gatewayPerSec = accepted.length / gwSecs;
    return { proto, tps, window, messages, linkPerSec, gatewayPerSec, ratio: linkPerSec / gatewayPerSec, peakSecond: peak };
  } finally {
    await link.close();
    await gw.close();
  }
}

const averageBound = (r: Row): number => (r.tps! * r.messages) / (r.messages - r.tps! / 50);

export async function benchChannels(opts: { quick: boolean }): Promise<ChannelsReport> {
  const tps = 500;
  const rows: Row[] = [];
  for (const proto of ['cmpp', 'smpp'] as const) {
    rows.push(await run(proto, tps, opts.quick ? 1_000 : 3_000));
    rows.push(await run(proto, null, opts.quick ? 3_000 : 10_000));
  }
  const targets = rows.flatMap((r) =>
    r.tps === null
      ? []
      : [
          // Counted on arrival at the gateway, as a contract is. The bucket lets at most tps + tps / 50 leave in any
          // second; arrival times carry loopback and event-loop jitter on top, hence the 5 % allowance.
          { name: `channels ${r.proto}: TPS ${r.tps} honoured`, target: `peak second ≤ ${r.tps * 1.05}`, value: `${r.peakSecond}`, met: r.peakSecond <= r.tps * 1.05 },
          // A full bucket (tps / 50 tokens) leaves at once; the rest at tps a second.
          { name: `channels ${r.proto}: average rate within TPS ${r.tps}`, target: `≤ ${fmt(averageBound(r))}/s`, value: `${fmt(r.linkPerSec)}/s`, met: r.linkPerSec <= averageBound(r) },
          // The link's span also holds the first and the last round trip, and link and gateway share one CPU here.
          { name: `channels ${r.proto}: link rate vs gateway acceptance`, target: '≥ 0.85', value: fmt(r.ratio, 3), met: r.ratio >= 0.85 },
        ],
  );
  const e2e: EndToEndRow[] = [];
  for (const proto of ['cmpp', 'smpp'] as const) e2e.push(await endToEnd(proto, tps, opts.quick ? 1_500 : 5_000));
  for (const r of e2e) {
    targets.push(
      { name: `channels ${r.proto} end to end: TPS ${r.tps} honoured`, target: `peak second ≤ ${r.tps * 1.05}`, value: `${r.peakSecond}`, met: r.peakSecond <= r.tps * 1.05 },
      // Each contact is a submits row before and after and its outbox write: the store must keep up with the contracted TPS.
      { name: `channels ${r.proto} end to end: outbox rate vs gateway acceptance`, target: '≥ 0.85', value: fmt(r.ratio, 3), met: r.ratio >= 0.85 },
    );
  }
  const text = [
    'Channels: submits per second per link against the local gateway (loopback, window 16, one short Chinese text per message)',
    table(
      ['link', 'TPS limit', 'messages', 'link submits/s', 'gateway accepted/s', 'ratio', 'peak second'],
      rows.map((r) => [r.proto.toUpperCase(), r.tps === null ? 'none' : r.tps, r.messages, fmt(r.linkPerSec), fmt(r.gatewayPerSec), fmt(r.ratio, 3), r.peakSecond]),
    ),
    'End to end: a live run\'s outbox (SQLite) → delivery loop → gateway adapter (submit recorded before and after) → link → gateway',
    table(
      ['link', 'TPS limit', 'contacts', 'outbox sent/s', 'gateway accepted/s', 'ratio', 'peak second', 'CPU ms/contact', 'core share'],
      e2e.map((r) => [r.proto.toUpperCase(), r.tps, r.contacts, fmt(r.outboxPerSec), fmt(r.gatewayPerSec), fmt(r.ratio, 3), r.peakSecond, fmt(r.cpuMsPerContact, 2), fmt(r.coreShare, 2)]),
    ),
  ].join('\n');
  return { rows, endToEnd: e2e, targets, text };
}
