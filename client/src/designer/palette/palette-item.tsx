import { memo, type DragEvent } from 'react';
import type { NodeType } from '../../../../shared/nodes/registry.js';
import { NODE_TYPES } from '../../../../shared/nodes/registry.js';
import { useLang } from '../../i18n/index.js';
import { NodeIcon } from '../../lib/node-icon.js';

/** dataTransfer type carrying the node type from the palette to the canvas. */
export const PALETTE_MIME = 'application/x-linkage-node';

const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500';

/**
 * A palette entry: drag it onto the canvas, or focus it and press Enter to add it in the middle of the view.
 * `compact` is the collapsed rail: the icon only, with the name and description in a tooltip.
 */
export const PaletteItem = memo(function PaletteItem({ type, onAdd, disabled, compact }: { type: NodeType; onAdd: (type: NodeType) => void; disabled: boolean; compact?: boolean }) {
  const { pick } = useLang();
  const def = NODE_TYPES[type];
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(PALETTE_MIME, type);
    e.dataTransfer.effectAllowed = 'copy';
  };
  if (compact) {
    return (
      <button type="button" draggable={!disabled} disabled={disabled} onDragStart={onDragStart} onClick={() => onAdd(type)} data-testid={`palette-${type}`}
        aria-label={pick(def.label)} aria-describedby={`palette-tip-${type}`}
        className={`group relative flex size-9 cursor-grab items-center justify-center rounded-md border border-transparent text-lg hover:border-brand-500 hover:bg-brand-50 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`}>
        <NodeIcon type={type} className="size-[18px] text-slate-600" />
        <span role="tooltip" id={`palette-tip-${type}`}
          className="pointer-events-none absolute top-1/2 left-full z-30 ml-2 hidden w-52 -translate-y-1/2 rounded-md bg-slate-800 px-2.5 py-1.5 text-left text-white shadow-lg group-hover:block group-focus-visible:block">
          <span className="block text-[13px] font-medium">{pick(def.label)}</span>
          <span className="block text-[11px] leading-4 text-slate-300">{pick(def.description)}</span>
        </span>
      </button>
    );
  }
  return (
    <button
      type="button"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={onDragStart}
      onClick={() => onAdd(type)}
      data-testid={`palette-${type}`}
      title={pick(def.description)}
      className={`group flex w-full cursor-grab items-start gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-2 text-left shadow-xs hover:border-brand-500 hover:bg-brand-50 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 ${focusRing}`}
    >
      <NodeIcon type={type} className="mt-0.5 size-4 shrink-0 text-slate-600" />
      <span className="min-w-0">
        <span className="block text-[13px] font-medium text-slate-800">{pick(def.label)}</span>
        <span className="block text-[11px] leading-4 text-slate-500">{pick(def.description)}</span>
      </span>
    </button>
  );
});
