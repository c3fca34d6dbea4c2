import type { Text } from '../text.js';
import { checkConnection, type Connection } from './connection-rules.js';
import type { FlowDocument } from './document.js';
import { flowGraph } from './graph.js';

export { checkConnection, INPUT_HANDLE, portKey } from './connection-rules.js';
export type { Connection, ConnectionFailure, ConnectionVerdict, ConnectNode, TakenPorts } from './connection-rules.js';

/**
 * Can this connection be added to the document? For React Flow's `isValidConnection`; pass
 * `replacingEdgeId` while an existing edge is being re-attached so it does not block itself.
 * Cheap per call: the node/port index is cached per document object (documents are immutable).
 */
export function canConnect(
  doc: FlowDocument,
  connection: Connection,
  options: { replacingEdgeId?: string } = {},
): { ok: true } | { ok: false; reason: Text } {
  const graph = flowGraph(doc);
  const verdict = checkConnection((id) => graph.nodes.get(id), graph.taken, connection, options.replacingEdgeId);
  return verdict.ok ? verdict : { ok: false, reason: verdict.reason };
}
