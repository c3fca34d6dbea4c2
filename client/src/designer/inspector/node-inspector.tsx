import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { pathLabel } from '../../../../shared/flow/validate/field-labels.js';
import { zodIssueText } from '../../../../shared/flow/zod-messages.js';
import { isNodeType, NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import type { Text } from '../../../../shared/text.js';
import { useLang } from '../../i18n/index.js';
import { NodeIcon } from '../../lib/node-icon.js';
import { nodeTitleOf } from '../nodes/node-title.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { localizedDefaults } from '../store/localized-defaults.js';
import { EditorBoundary } from './editor-boundary.js';
import { GeneratedEditor } from './generated-editor.js';
import { nodeEditors } from './node-editors.js';
import { smallButton } from './fields.js';

/** Header, the node's issues, then the purpose-built editor for its type. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const { pick, lang } = useLang();
  const api = useDesignerApi();
  // the canvas's name for the node (客群筛选 2), not its internal id
  const { node, title, issues, readOnly } = useDesigner((s) => ({ node: s.doc.nodes.find((n) => n.id === nodeId), title: nodeTitleOf(s.doc.nodes, nodeId, lang), issues: s.issuesByNode[nodeId], readOnly: s.flow?.readOnly ?? false }));
  // The last guard of "one field never breaks the node": data the node's schema refuses is not
  // committed (the fields keep what was typed and say why); the node keeps its ports and edges.
  const onChange = useCallback((data: unknown, mergeKey?: string) => {
    const s = api.getState();
    const current = s.doc.nodes.find((n) => n.id === nodeId);
    if (current && isNodeType(current.type)) {
      const schema = NODE_TYPES[current.type].data;
      const next = schema.safeParse(data);
      if (!next.success && schema.safeParse(current.data).success) {
        const zi = next.error.issues[0]!;
        const def = NODE_TYPES[current.type] as { label: Text; form?: { fields?: Record<string, Text> } };
        s.notify(t('designer.field.refused', { field: pick(pathLabel(zi.path as (string | number)[], def.form?.fields)) || pick(def.label), message: pick(zodIssueText(zi)) }), 'error');
        return;
      }
    }
    s.updateNodeData(nodeId, data, mergeKey);
  }, [api, nodeId, t, pick]);
  if (!node) return null;
  if (!isNodeType(node.type)) return <p className="p-4 text-danger">{t('designer.node.unknownType', { type: node.type })}</p>;
  const def = NODE_TYPES[node.type];
  const parsed = def.data.safeParse(node.data);
  const Custom = nodeEditors[node.type] as ((p: { data: unknown; onChange: typeof onChange; readOnly: boolean; nodeId: string }) => React.ReactNode) | undefined;
  const editor = (data: unknown) => Custom
    ? <Custom data={data} onChange={onChange} readOnly={readOnly} nodeId={nodeId} />
    : <GeneratedEditor type={node.type} data={data as Record<string, unknown>} onChange={onChange} readOnly={readOnly} nodeId={nodeId} />;
  const reset = (
    <div className="p-4 text-[13px]" data-testid="inspector-reset">
      <p className="mb-2 text-danger">{t('designer.node.invalidData')}</p>
      <button type="button" className={smallButton} disabled={readOnly} onClick={() => onChange(localizedDefaults(node.type as NodeType))}>{t('designer.inspector.resetDefaults')}</button>
    </div>
  );
  return (
    <div data-testid="inspector" data-node={nodeId}>
      <div className="flex items-center gap-2 border-b border-slate-100 px-4 py-3">
        <NodeIcon type={def.type} className="size-5 shrink-0 text-slate-600" />
        <div className="min-w-0 flex-1">
          {/* the id stays reachable for an engineer, as a tooltip */}
          <h2 className="text-sm font-semibold text-slate-800" title={nodeId} data-testid="inspector-title">{title}</h2>
          <p className="truncate text-[11px] text-slate-400">{pick(def.description)}</p>
        </div>
      </div>
      {issues && issues.length > 0 && (
        <ul className="border-b border-slate-100 bg-slate-50 px-4 py-2" data-testid="inspector-issues">
          {issues.map((i, n) => (
            <li key={n} className={`text-xs ${i.severity === 'error' ? 'text-danger' : 'text-warning'}`}>• {pick(i.message)}</li>
          ))}
        </ul>
      )}
      {parsed.success ? editor(parsed.data) : (
        // One bad field must not lock the node: the editor shows the data as it is so the field can be fixed
        // there; data too broken to draw falls back to the reset.
        <EditorBoundary resetKey={node.data} fallback={reset}>
          {typeof node.data === 'object' && node.data !== null ? editor(node.data) : reset}
        </EditorBoundary>
      )}
    </div>
  );
}
