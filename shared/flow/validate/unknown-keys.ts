import { t } from '../../text.js';
import { flowDocumentSchema } from '../document.js';
import { issue, type Issue } from '../issues.js';
import type { FlowGraph } from '../graph.js';
import { about, fieldName, type Report } from './names.js';

type Path = (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys of `raw` that parsing dropped: zod objects strip keys they do not know, so a misspelt field
 * (`contactPolicy.dailyCapp`) would otherwise vanish without a word and compile to nothing. Compares
 * the input with what the schema kept, so it holds for every schema, nested and in unions alike.
 */
export function droppedKeys(raw: unknown, parsed: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    raw.forEach((r, i) => droppedKeys(r, parsed[i], [...path, i], out));
  } else if (isRecord(raw) && isRecord(parsed)) {
    for (const [k, v] of Object.entries(raw)) {
      if (v === undefined) continue;
      if (!Object.hasOwn(parsed, k)) out.push([...path, k]);
      else droppedKeys(v, parsed[k], [...path, k], out);
    }
  }
  return out;
}

const last = (p: Path): string => String(p[p.length - 1]);

/**
 * Unknown keys in the document itself (everything but node data, which the schema keeps whole): one
 * INVALID_DOCUMENT issue each, with the path. `parsed`: the schema's output for `raw`, when already at hand.
 */
export function unknownDocumentKeys(raw: unknown, parsed?: unknown): Issue[] {
  let kept = parsed;
  if (kept === undefined) {
    const p = flowDocumentSchema.safeParse(raw);
    if (!p.success) return [];
    kept = p.data;
  }
  return droppedKeys(raw, kept).map((path) => issue('INVALID_DOCUMENT',
    t(`${path.join('.')}：不支持的字段「${last(path)}」（拼写错误？）`, `${path.join('.')}: unknown field "${last(path)}" (misspelt?)`), { path }));
}

/** Unknown keys in node data: an INVALID_NODE_DATA issue each, on the node, with the path. */
export function checkUnknownNodeKeys(graph: FlowGraph, report: Report): void {
  for (const gn of graph.all) {
    if (gn.data === undefined) continue;
    for (const path of droppedKeys(gn.node.data, gn.data)) {
      report(issue('INVALID_NODE_DATA', about(fieldName(gn, path), `不支持的字段「${last(path)}」（拼写错误？）`, `unknown field "${last(path)}" (misspelt?)`), { nodeId: gn.node.id, path }));
    }
  }
}
