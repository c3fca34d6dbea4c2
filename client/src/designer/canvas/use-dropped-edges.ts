import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument, FlowEdge } from '../../../../shared/flow/document.js';
import { nodeTitles } from '../../../../shared/flow/validate/names.js';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import type { Lang } from '../../../../shared/text.js';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** `评估「成功办理」→ 结束 2`: an edge as the canvas shows it, from the document it was in. */
export function describeEdge(doc: FlowDocument, e: FlowEdge, lang: Lang): string {
  const titles = nodeTitles(doc.nodes);
  const source = doc.nodes.find((n) => n.id === e.source);
  const def = source && nodeDef(source.type);
  const parsed = def?.data.safeParse(source!.data);
  const port = parsed?.success ? def!.outputs(parsed.data).find((p) => p.id === e.sourceHandle)?.label[lang] : undefined;
  const name = (id: string) => titles.get(id)?.[lang] ?? id;
  return `${name(e.source)}${port ? (lang === 'zh' ? `「${port}」` : ` "${port}"`) : ''} → ${name(e.target)}`;
}

/**
 * Say which edges an edit removed (switching an evaluation to KPI mode drops its branch outputs;
 * wiring a used output replaces its edge), and that undo brings them back.
 */
export function useDroppedEdgesNotice(): void {
  const { t, i18n } = useTranslation();
  const api = useDesignerApi();
  const dropped = useDesigner((s) => s.droppedEdges);
  useEffect(() => {
    if (!dropped) return;
    const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
    const list = dropped.edges.map((e) => describeEdge(dropped.before, e, lang)).join(lang === 'zh' ? '；' : '; ');
    api.getState().notify(t('designer.canvas.edgesRemoved', { count: dropped.edges.length, list }));
    // Only a new drop speaks; a language switch does not repeat the last one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dropped]);
}
