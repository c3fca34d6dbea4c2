import { CITY_IDS, ORG_UNITS } from '../../shared/catalogue/org.js';
import { GROUP_IDS, GROUP_LABELS } from '../../shared/catalogue/groups.js';
import { PRODUCT_BY_ID } from '../../shared/catalogue/products.js';
import type { ConditionGroup } from '../../shared/flow/conditions.js';
import type { FlowDocument } from '../../shared/flow/document.js';
import { nodeDef } from '../../shared/nodes/registry.js';

export type TemplateParameter = NonNullable<FlowDocument['template']>['parameters'][number];

/**
 * Cut a template out of a flow: the whole document, or only the selected nodes with the edges
 * between them (e.g. a linkage with its scripts). A fragment keeps the flow's settings so it can be
 * instantiated as a draft on its own.
 */
export function extractTemplate(doc: FlowDocument, nodeIds?: string[]): { document: FlowDocument; partial: boolean } {
  if (!nodeIds?.length) return { document: structuredClone(doc), partial: false };
  const keep = new Set(nodeIds.filter((id) => doc.nodes.some((n) => n.id === id)));
  return {
    partial: keep.size < doc.nodes.length,
    document: { ...structuredClone(doc), nodes: doc.nodes.filter((n) => keep.has(n.id)).map((n) => structuredClone(n)), edges: doc.edges.filter((e) => keep.has(e.source) && keep.has(e.target)).map((e) => ({ ...e })) },
  };
}

export interface ParameterProblem { key: string; message: { zh: string; en: string } }

/**
 * Check the filled values against the catalogue. A product or segment left empty keeps the
 * template's own; a text parameter is required only when the template uses its `{{key}}`.
 */
export function checkParameterValues(template: FlowDocument, values: Record<string, string>): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const json = JSON.stringify(template);
  for (const p of template.template?.parameters ?? []) {
    const v = values[p.key]?.trim();
    if (!v) {
      if (p.kind === 'text' && new RegExp(`\\{\\{\\s*${p.key}\\s*\\}\\}`).test(json)) problems.push({ key: p.key, message: { zh: `请填写「${p.label}」`, en: `Fill in "${p.label}"` } });
    } else if (p.kind === 'product' && !PRODUCT_BY_ID[v]) problems.push({ key: p.key, message: { zh: `未知产品 ${v}`, en: `Unknown product ${v}` } });
    else if (p.kind === 'segment' && !CITY_IDS.includes(v) && !(GROUP_IDS as readonly string[]).includes(v)) problems.push({ key: p.key, message: { zh: `未知地市或客户群 ${v}`, en: `Unknown city or customer group ${v}` } });
  }
  return problems;
}

/** Human label of a filled value, substituted for `{{key}}` in names and scripts. */
function valueLabel(p: TemplateParameter, v: string): string {
  if (p.kind === 'product') return PRODUCT_BY_ID[v]?.name.zh ?? v;
  if (p.kind === 'segment') return ORG_UNITS.find((u) => u.id === v)?.name.zh ?? GROUP_LABELS[v as keyof typeof GROUP_LABELS]?.zh ?? v;
  return v;
}

/**
 * Turn a template into a new draft document: product parameters set `productId`, segment
 * parameters (a city or a customer group) set that rule in the audience of every entry node (its
 * type's `audience` hook; an entry whose data does not parse is left for the validator), and every
 * parameter's `{{key}}` placeholder is replaced in all texts. The template metadata is dropped.
 */
export function instantiateDocument(template: FlowDocument, values: Record<string, string>, target: { id: string; name: string; orgUnit: string }): FlowDocument {
  const params = template.template?.parameters ?? [];
  const labels: Record<string, string> = {};
  for (const p of params) if (values[p.key]) labels[p.key] = valueLabel(p, values[p.key]!);
  const { template: _meta, ...rest } = structuredClone(template);
  const doc = substitute(rest, labels) as FlowDocument;
  doc.id = target.id;
  doc.name = target.name;
  doc.orgUnit = target.orgUnit;
  for (const p of params) {
    const v = values[p.key];
    if (!v) continue;
    if (p.kind === 'product') doc.productId = v;
    if (p.kind === 'segment') {
      const field = CITY_IDS.includes(v) ? 'city' : 'group';
      for (const n of doc.nodes) {
        const def = nodeDef(n.type);
        const parsed = def?.audience ? def.data.safeParse(n.data) : undefined;
        if (parsed?.success) n.data = def!.audience!.with(parsed.data, withRule(def!.audience!.of(parsed.data), field, v));
      }
    }
  }
  return doc;
}

/** AND `field in [value]` into a segment's conditions, replacing a top-level rule on the same field. */
function withRule(g: ConditionGroup, field: string, value: string): ConditionGroup {
  const rule = { field, op: 'in' as const, value: [value] };
  if (g.combinator === 'or') return { combinator: 'and', rules: [rule], groups: [g] };
  const i = g.rules.findIndex((r) => r.field === field);
  return { ...g, rules: i >= 0 ? g.rules.map((r, k) => (k === i ? rule : r)) : [...g.rules, rule] };
}

function substitute(v: unknown, labels: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => labels[k] ?? m);
  if (Array.isArray(v)) return v.map((x) => substitute(x, labels));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, labels)]));
  return v;
}
