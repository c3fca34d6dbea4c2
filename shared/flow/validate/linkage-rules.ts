import { CHANNEL_BY_ID, type ChannelId } from '../../catalogue/channels.js';
import { STAGE_LABELS } from '../../catalogue/stages.js';
import type { FailureRule } from '../../nodes/touch.js';
import { t } from '../../text.js';
import type { FlowGraph } from '../graph.js';
import { issue } from '../issues.js';
import { touchesOf } from '../touches.js';
import { about, fieldName, type Report } from './names.js';

/**
 * A touch whose failure rule is "retry on another channel" names a retry channel that differs from
 * its own, serves its stage and takes its script (the retry sends the same script).
 */
export function checkRetryChannels(graph: FlowGraph, report: Report): void {
  for (const gn of graph.nodes.values()) {
    for (const { touch, path } of touchesOf(gn)) {
      const choice = touch as { onFailure?: FailureRule; retryChannel?: ChannelId };
      if (choice.onFailure !== 'retry') continue;
      const at = (zh: string, en: string) => {
        const field = [...path, 'retryChannel'];
        report(issue('RETRY_CHANNEL_INVALID', about(fieldName(gn, field), zh, en), { nodeId: gn.node.id, path: field }));
      };
      const retry = choice.retryChannel ? CHANNEL_BY_ID[choice.retryChannel] : undefined;
      const own = CHANNEL_BY_ID[touch.channel];
      const stage = STAGE_LABELS[touch.stage];
      if (!retry) at('选择了“换渠道重试”，但没有选择重试渠道', 'the touch retries on another channel but names no retry channel');
      else if (retry.id === touch.channel) at(`重试渠道与原渠道相同（${own.label.zh}）`, `the retry channel is the touch's own channel (${own.label.en})`);
      else if (!retry.stages.includes(touch.stage)) at(`${retry.label.zh}不能承担「${stage.zh}」阶段`, `${retry.label.en} cannot serve the ${stage.en} stage`);
      else if (retry.kind !== own.kind) {
        at(`${retry.label.zh}与${own.label.zh}的话术类型不同（人工话术 / 消息模板），重试会沿用本触点的话术`,
          `${retry.label.en} and ${own.label.en} take different scripts (agent script / message template); the retry sends this touch's script`);
      }
    }
  }
}

/**
 * The flow's share of each capacity-limited channel (`contactPolicy.channelCapacity`): a whole number
 * from 0 to the channel's daily capacity in the catalogue.
 */
export function checkCapacityShares(graph: FlowGraph, report: Report): void {
  const shares = graph.doc.contactPolicy?.channelCapacity ?? {};
  for (const [id, share] of Object.entries(shares) as [ChannelId, number][]) {
    const channel = CHANNEL_BY_ID[id];
    if (!channel) continue; // the document schema refuses unknown channel ids
    const path = ['contactPolicy', 'channelCapacity', id];
    const at = (zh: string, en: string) =>
      report(issue('CAPACITY_SHARE_INVALID', t(`本流程每日渠道容量 · ${channel.label.zh}：${zh}`, `This flow's daily channel capacity · ${channel.label.en}: ${en}`), { path }));
    const cap = channel.dailyCapacity.toLocaleString('en-US');
    if (!Number.isFinite(share) || !Number.isInteger(share)) at(`应为整数，实际为 ${share}`, `must be a whole number, got ${share}`);
    else if (share < 0) at(`不能为负数（${share}）`, `cannot be negative (${share})`);
    else if (share > channel.dailyCapacity) at(`${share} 超过该渠道的日容量 ${cap}`, `${share} is above the channel's daily capacity of ${cap}`);
  }
}
