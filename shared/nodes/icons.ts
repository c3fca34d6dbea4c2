/**
 * The lucide icons a node type may name. The client maps each name to its SVG component once
 * (`client/src/lib/node-icon.tsx`, typed `Record<NodeIconName, …>`), so a new node type picks one of
 * these without a client edit; the list is generous on purpose. Adding a name means adding it there too.
 */
export const NODE_ICON_NAMES = [
  'Users', 'Link2', 'MessageSquareText', 'Hourglass', 'Split', 'ChartColumn', 'Flag',
  'Gift', 'Ticket', 'Coins', 'BadgePercent', 'Smartphone', 'Phone', 'Mail', 'Bell', 'Store',
  'Tag', 'Star', 'Timer', 'CalendarClock', 'Filter', 'GitBranch', 'Target', 'Zap', 'Wifi', 'Music', 'ShieldCheck',
] as const;
export type NodeIconName = (typeof NODE_ICON_NAMES)[number];
