import { useTranslation } from 'react-i18next';
import type { FieldChange, FlowDiff } from '../../../shared/flow/diff.js';
import { nodeDef } from '../../../shared/nodes/registry.js';
import { useLang } from '../i18n/index.js';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function Fields({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="mt-1 space-y-1">
      {fields.map((f) => (
        <li key={f.path} className="text-xs">
          <code className="rounded bg-slate-100 px-1 text-slate-700">{f.path}</code>{' '}
          <span className="text-danger line-through decoration-red-300">{show(f.before)}</span> → <span className="text-emerald-700">{show(f.after)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The structural diff a reviewer reads before deciding: behaviour changes first, moves last. */
type NodeRef = { id: string; type: string };
/** The diff as it arrives over tRPC (node `data` is not needed here). */
type DiffData = Omit<FlowDiff, 'nodes'> & { nodes: { added: NodeRef[]; removed: NodeRef[]; changed: FlowDiff['nodes']['changed']; moved: string[] } };

export function DiffView({ diff, baseVersion }: { diff: DiffData; baseVersion: number | null }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const typeLabel = (type: string) => { const d = nodeDef(type); return d ? `${d.icon} ${pick(d.label)}` : type; };
  const Row = ({ kind, children }: { kind: 'added' | 'removed' | 'changed'; children: React.ReactNode }) => (
    <li data-testid={`diff-${kind}`} className={`rounded-md border-l-4 bg-white px-3 py-2 ${kind === 'added' ? 'border-emerald-500' : kind === 'removed' ? 'border-danger' : 'border-warning'}`}>
      <span className="mr-2 text-xs font-semibold text-slate-500">{t(`gov.inbox.${kind}`)}</span>{children}
    </li>
  );
  return (
    <section data-testid="diff-view">
      <p className="mb-2 text-xs text-slate-500">{baseVersion === null ? t('gov.inbox.firstVersion') : t('gov.inbox.base', { v: baseVersion })}</p>
      {diff.empty && baseVersion !== null && <p className="text-sm text-slate-500">{t('gov.inbox.noChanges')}</p>}
      {diff.document.length > 0 && (
        <div className="mb-3">
          <h4 className="text-sm font-medium text-slate-700">{t('gov.inbox.document')}</h4>
          <Fields fields={diff.document} />
        </div>
      )}
      {(diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length > 0) && (
        <div className="mb-3">
          <h4 className="mb-1 text-sm font-medium text-slate-700">{t('gov.inbox.nodes')}</h4>
          <ul className="space-y-1">
            {diff.nodes.added.map((n) => <Row key={n.id} kind="added">{typeLabel(n.type)} <span className="text-xs text-slate-400">{n.id}</span></Row>)}
            {diff.nodes.removed.map((n) => <Row key={n.id} kind="removed">{typeLabel(n.type)} <span className="text-xs text-slate-400">{n.id}</span></Row>)}
            {diff.nodes.changed.map((n) => <Row key={n.id} kind="changed">{typeLabel(n.label)} <span className="text-xs text-slate-400">{n.id}</span><Fields fields={n.fields} /></Row>)}
          </ul>
        </div>
      )}
      {(diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length > 0) && (
        <div className="mb-3">
          <h4 className="mb-1 text-sm font-medium text-slate-700">{t('gov.inbox.edges')}</h4>
          <ul className="space-y-1">
            {diff.edges.added.map((e) => <Row key={e.id} kind="added">{e.source}.{e.sourceHandle} → {e.target}</Row>)}
            {diff.edges.removed.map((e) => <Row key={e.id} kind="removed">{e.source}.{e.sourceHandle} → {e.target}</Row>)}
            {diff.edges.changed.map((e) => <Row key={e.id} kind="changed">{e.label}<Fields fields={e.fields} /></Row>)}
          </ul>
        </div>
      )}
      {diff.nodes.moved.length > 0 && <p className="text-xs text-slate-400">{t('gov.inbox.moved')}: {diff.nodes.moved.join(', ')}</p>}
    </section>
  );
}
