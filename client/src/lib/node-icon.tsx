import { ChartColumn, Flag, Hourglass, Link2, MessageSquareText, Split, Users, type LucideIcon, type LucideProps } from 'lucide-react';
import type { NodeType } from '../../../shared/nodes/registry.js';

/**
 * The icon of each node type, drawn from icons that ship with the app (SVG), not emoji a machine may
 * lack. Keyed by type, so a new node type without an icon fails the typecheck; the registry in shared/
 * stays free of React.
 */
export const NODE_ICONS: Record<NodeType, LucideIcon> = {
  segment: Users,
  linkage: Link2,
  script: MessageSquareText,
  wait: Hourglass,
  split: Split,
  evaluate: ChartColumn,
  end: Flag,
};

/** A node type's icon, decorative (the type's name is always shown or given as a label next to it). */
export function NodeIcon({ type, ...props }: { type: string } & LucideProps) {
  const Icon = (NODE_ICONS as Record<string, LucideIcon | undefined>)[type];
  return Icon ? <Icon aria-hidden focusable={false} {...props} /> : null;
}
