import {
  BadgePercent, Bell, CalendarClock, ChartColumn, Coins, Filter, Flag, Gift, GitBranch, Hourglass, Link2, Mail,
  MessageSquareText, Music, Phone, ShieldCheck, Smartphone, Split, Star, Store, Tag, Target, Ticket, Timer, Users,
  Wifi, Zap, type LucideIcon, type LucideProps,
} from 'lucide-react';
import type { NodeIconName } from '../../../shared/nodes/icons.js';
import { nodeDef } from '../../../shared/nodes/registry.js';

/**
 * The SVG for each icon name a node definition may use (icons that ship with the app, not emoji a
 * machine may lack). Keyed by every name in `shared/nodes/icons.ts`, so the two lists cannot drift;
 * node types pick a name in their definition and need no edit here.
 */
const ICONS: Record<NodeIconName, LucideIcon> = {
  Users, Link2, MessageSquareText, Hourglass, Split, ChartColumn, Flag, Gift, Ticket, Coins, BadgePercent, Smartphone,
  Phone, Mail, Bell, Store, Tag, Star, Timer, CalendarClock, Filter, GitBranch, Target, Zap, Wifi, Music, ShieldCheck,
};

/** A node type's icon, decorative (the type's name is always shown or given as a label next to it). */
export function NodeIcon({ type, ...props }: { type: string } & LucideProps) {
  const name = nodeDef(type)?.icon;
  const Icon = name ? ICONS[name] : undefined;
  return Icon ? <Icon aria-hidden focusable={false} {...props} /> : null;
}
