import type { NodeTypeDef, PortDef } from '../../../../shared/nodes/define.js';
import { t } from '../../../../shared/text.js';

const isPorts = (x: unknown): x is PortDef[] =>
  Array.isArray(x) && x.every((p) => typeof p === 'object' && p !== null && typeof (p as PortDef).id === 'string' && typeof (p as PortDef).label === 'object');

/**
 * The outputs to draw for a node whose data its schema refuses (one bad field, e.g. an over-long SMS
 * imported from JSON): one bad field must not hide the node's outputs and drop its edges. The ports
 * the raw data implies when the definition can still read them, else the defaults' ports; plus any
 * port an edge leaves from, so no edge loses its handle.
 */
export function fallbackPorts(def: NodeTypeDef<string, unknown>, data: unknown, usedHandles: readonly string[]): PortDef[] {
  let ports: PortDef[];
  try {
    const raw: unknown = def.outputs(data);
    ports = isPorts(raw) ? raw : def.outputs(def.defaults());
  } catch {
    ports = def.outputs(def.defaults());
  }
  const known = new Set(ports.map((p) => p.id));
  const extra = usedHandles.filter((h) => !known.has(h) && (known.add(h), true)).map((id): PortDef => ({ id, label: t(id, id), required: false }));
  return [...ports, ...extra];
}
