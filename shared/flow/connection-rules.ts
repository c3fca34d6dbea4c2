import type { PortDef, NodeTypeDef } from '../nodes/define.js';
import { t, type Text } from '../text.js';

/** The single input handle of every node that has one. Edges may also leave `targetHandle` empty. */
export const INPUT_HANDLE = 'in';

/** What React Flow hands to `isValidConnection` (a `Connection` or an existing `Edge`). */
export interface Connection {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/**
 * Why a connection is refused. The validator maps these to issue codes: unknown_* and
 * bad_target_handle → DANGLING_EDGE, duplicate → DUPLICATE_EDGE, self_loop / into_entry /
 * port_taken → INVALID_CONNECTION. source_unchecked / target_unchecked mean the node itself is
 * broken (unknown type, invalid data) and is reported on the node, not the edge.
 */
export type ConnectionFailure =
  | 'unknown_source' | 'unknown_target' | 'unknown_handle' | 'bad_target_handle'
  | 'self_loop' | 'into_entry' | 'duplicate' | 'port_taken'
  | 'source_unchecked' | 'target_unchecked';

export type ConnectionVerdict = { ok: true } | { ok: false; failure: ConnectionFailure; reason: Text };

/** What {@link checkConnection} needs to know about a node. */
export interface ConnectNode {
  def: NodeTypeDef<string, unknown> | undefined;
  /** Output ports given the node's data; null when the data does not parse. */
  ports: PortDef[] | null;
}

/** Output ports already in use: `portKey(source, handle)` → the edge holding it. */
export type TakenPorts = Map<string, { target: string; edgeId: string }>;

export const portKey = (source: string, handle: string): string => `${source}\u0000${handle}`;

const fail = (failure: ConnectionFailure, reason: Text): ConnectionVerdict => ({ ok: false, failure, reason });

/**
 * The connection rules, from port metadata only: the source handle must be an output port of the
 * source node (given its current data), the target must have an input, no self-loops, and each
 * output port leads to exactly one target (fan-in is fine). The same function backs the editor's
 * `isValidConnection` and the validator, so the canvas never accepts an edge the server rejects.
 */
export function checkConnection(
  nodeById: (id: string) => ConnectNode | undefined,
  taken: TakenPorts,
  conn: Connection,
  replacingEdgeId?: string,
): ConnectionVerdict {
  const source = nodeById(conn.source);
  if (!source) return fail('unknown_source', t(`起点节点「${conn.source}」不存在`, `source node "${conn.source}" does not exist`));
  const target = nodeById(conn.target);
  if (!target) return fail('unknown_target', t(`终点节点「${conn.target}」不存在`, `target node "${conn.target}" does not exist`));
  if (conn.source === conn.target) return fail('self_loop', t('节点不能连接到自身', 'a node cannot connect to itself'));
  if (!source.def || !source.ports) return fail('source_unchecked', t(`起点节点「${conn.source}」配置无效，请先修正`, `source node "${conn.source}" is invalid; fix it first`));
  const handle = conn.sourceHandle ?? '';
  const port = source.ports.find((p) => p.id === handle);
  if (!port) {
    const known = (lang: 'zh' | 'en') => source.ports!.map((p) => p.label[lang]).join(lang === 'zh' ? '、' : ', ') || '—';
    return fail('unknown_handle', t(`「${source.def.label.zh}」没有这个出口（可用：${known('zh')}），原来的分支可能已被删除`, `${source.def.label.en} has no such output (outputs: ${known('en')}); the branch may have been removed`));
  }
  if (!target.def) return fail('target_unchecked', t(`终点节点「${conn.target}」类型未知`, `target node "${conn.target}" has an unknown type`));
  if (!target.def.hasInput) return fail('into_entry', t(`「${target.def.label.zh}」是流程入口，不能有输入连线`, `${target.def.label.en} is the flow's entry and takes no incoming edge`));
  if (conn.targetHandle != null && conn.targetHandle !== INPUT_HANDLE) {
    return fail('bad_target_handle', t(`连线接到了「${target.def.label.zh}」上不存在的入口`, `the edge ends at an input ${target.def.label.en} does not have`));
  }
  const holder = taken.get(portKey(conn.source, handle));
  if (holder && holder.edgeId !== replacingEdgeId) {
    return holder.target === conn.target
      ? fail('duplicate', t(`已存在从出口「${port.label.zh}」到「${target.def.label.zh}」的连线`, `an edge from output "${port.label.en}" to ${target.def.label.en} already exists`))
      : fail('port_taken', t(`出口「${port.label.zh}」已连接到「${nodeById(holder.target)?.def?.label.zh ?? '另一个节点'}」，每个出口只能连一个节点`, `output "${port.label.en}" already leads to ${nodeById(holder.target)?.def?.label.en ?? 'another node'}; each output connects to exactly one node`));
  }
  return { ok: true };
}
