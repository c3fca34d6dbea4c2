import { CHANNEL_BY_ID } from '../../catalogue/channels.js';
import { STAGE_LABELS } from '../../catalogue/stages.js';
import { SCRIPT_VARIABLES, scriptTakesOrder, scriptVariablesUsed } from '../script.js';
import type { FlowGraph, GraphNode } from '../graph.js';
import { issue, type IssueCode } from '../issues.js';
import { touchesOf, type TouchRef } from '../touches.js';
import { about, fieldName, type Report } from './names.js';

const KNOWN_VARIABLES = new Set<string>(SCRIPT_VARIABLES);

/** Each touch on its own: channel fits stage and script kind, script variables, order compliance, timeout. */
export function checkTouches(graph: FlowGraph, report: Report): void {
  for (const gn of graph.nodes.values()) {
    for (const ref of touchesOf(gn)) checkTouch(gn, ref, report);
  }
}

function checkTouch(gn: GraphNode, { touch, path }: TouchRef, report: Report): void {
  const at = (code: IssueCode, sub: (string | number)[], zh: string, en: string) =>
    report(issue(code, about(fieldName(gn, [...path, ...sub]), zh, en), { nodeId: gn.node.id, path: [...path, ...sub] }));
  const channel = CHANNEL_BY_ID[touch.channel];
  const stage = STAGE_LABELS[touch.stage];

  // An admin can disable a channel in the catalogue while flows still name it (#18).
  if (!channel.enabled) {
    at('CHANNEL_DISABLED', ['channel'], `${channel.label.zh}已在渠道目录中停用，请改用其他渠道`, `${channel.label.en} is disabled in the channel catalogue: choose another channel`);
  }
  if (!channel.stages.includes(touch.stage)) {
    const can = channel.stages.map((s) => STAGE_LABELS[s]);
    at('CHANNEL_CANNOT_SERVE_STAGE', ['stage'],
      `${channel.label.zh}不能承担「${stage.zh}」阶段（可承担：${can.map((s) => s.zh).join('、')}）`,
      `${channel.label.en} cannot serve the ${stage.en} stage (it serves: ${can.map((s) => s.en).join(', ')})`);
  }
  if (channel.kind !== touch.script.kind) {
    at('SCRIPT_KIND_MISMATCH', ['script', 'kind'],
      channel.kind === 'agent' ? `${channel.label.zh}由人工触达，需要四步话术而不是短信模板` : `${channel.label.zh}自动发送，需要消息模板而不是坐席话术`,
      channel.kind === 'agent' ? `${channel.label.en} is worked by people and needs a four-step agent script, not a message template` : `${channel.label.en} sends automatically and needs a message template, not an agent script`);
  }
  const unknown = [...new Set(scriptVariablesUsed(touch.script))].filter((v) => !KNOWN_VARIABLES.has(v));
  for (const v of unknown) {
    at('UNDEFINED_SCRIPT_VARIABLE', ['script'],
      `话术变量 {${v}} 未定义（可用：${SCRIPT_VARIABLES.map((x) => `{${x}}`).join(' ')}）`,
      `script variable {${v}} is not defined (available: ${SCRIPT_VARIABLES.map((x) => `{${x}}`).join(' ')})`);
  }
  if (scriptTakesOrder(touch.script)) {
    if (!touch.script.secondConfirmation) {
      at('SALES_WITHOUT_SECOND_CONFIRMATION', ['script', 'secondConfirmation'],
        '话术可直接受理订购，必须开启二次确认（五条禁令）',
        'the script takes orders, so it must require a second confirmation (the five prohibitions)');
    }
    if (touch.stage !== 'sales') {
      at('ORDER_OUTSIDE_SALES_STAGE', ['stage'],
        `话术受理订购，但触点属于「${stage.zh}」阶段；请设为「销售」以便漏斗统计正确`,
        `the script takes orders but the touch is in the ${stage.en} stage; set it to Sales so the funnel counts it`);
    }
  }
  if (touch.script.kind === 'message') {
    const seen = new Set<string>();
    touch.script.replyKeywords.forEach((k, i) => {
      if (seen.has(k.keyword)) {
        at('DUPLICATE_REPLY_KEYWORD', ['script', 'replyKeywords', i, 'keyword'],
          `回复关键字「${k.keyword}」重复，客户回复时无法判断意图`,
          `reply keyword "${k.keyword}" is used twice, so a reply would be ambiguous`);
      }
      seen.add(k.keyword);
    });
  }
  if (!(touch.timeoutHours > 0)) {
    at('WAIT_NON_POSITIVE', ['timeoutHours'],
      `响应超时必须大于 0 小时（当前 ${touch.timeoutHours}）`,
      `the response timeout must be more than 0 hours (is ${touch.timeoutHours})`);
  }
}
