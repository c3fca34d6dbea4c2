import { CURRENT_SCHEMA_VERSION, type FlowDocument } from '../../shared/flow/document.js';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import { DomainError } from '../core/errors.js';

/** Parse a document at the boundary: JSON shape, migrations, then the zod schema; BAD_REQUEST with the issues otherwise. */
export function flowDocumentOrThrow(input: unknown): FlowDocument {
  const parsed = parseFlowDocument(input);
  if (parsed.ok) return parsed.doc;
  const first = parsed.issues.slice(0, 5).map((i) => `${i.path?.join('.') ?? ''} ${i.message.en}`.trim());
  throw new DomainError({ code: 'BAD_REQUEST', message: `流程文档无效 / Invalid flow document: ${first.join('; ')}` });
}

/** An empty campaign owned by the caller's unit: no nodes, a 30-day period from today. */
export function blankDocument(id: string, name: string, orgUnit: string, today = new Date()): FlowDocument {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION, id, name, description: '', productId: 'dp_10g',
    period: { start: day(today), end: day(new Date(today.getTime() + 30 * 86_400_000)) },
    goal: { reach: 0, responses: 0, conversions: 0, revenue: 0, budget: 0, evaluationDays: 7 },
    priority: orgUnit === 'province' ? 80 : 50, orgUnit, nodes: [], edges: [],
  };
}
