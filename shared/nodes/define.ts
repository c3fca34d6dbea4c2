import type { z } from 'zod';
import type { ChannelId } from '../catalogue/channels.js';
import type { Stage } from '../catalogue/stages.js';
import type { Condition, ConditionGroup } from '../flow/conditions.js';
import type { IssueCode } from '../flow/issues.js';
import type { Lowering } from '../machine/lower/types.js';
import type { Lang, Text } from '../text.js';
import type { NodeIconName } from './icons.js';
import type { Touch } from './touch.js';

/** Palette groups, in palette order. */
export const NODE_CATEGORIES = ['entry', 'channels', 'content', 'control', 'evaluation'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export type DataPath = (string | number)[];

export interface PortDef {
  id: string;
  label: Text;
  /** A required output must be connected; an optional one left open ends the journey with its id as outcome. */
  required: boolean;
}

/** A touch inside a node, with its path inside the node's data (for issues and the inspector). */
export interface TouchRef {
  touch: Touch;
  path: DataPath;
}

/** A condition (or a group of them) inside a node's data, checked against the subscriber fields. */
export type ConditionRef = { group: ConditionGroup; path: DataPath } | { condition: Condition; path: DataPath };

/** One thing a reviewer reads about a node in the approval diff, in both languages. */
export interface ReviewLine {
  label: Text;
  value: Text;
}

/** What a type's own validation rules are given: where to report, and the flow facts they may need. */
export interface RuleContext {
  /** Report an issue about the field at `path` inside this node's data; the node's name is prefixed. */
  report(code: IssueCode, path: DataPath, zh: string, en: string): void;
  /** The flow's campaign period (ISO dates). */
  period: { start: string; end: string };
}

/**
 * Everything Linkage knows about one node type, in one place. The palette, the canvas view, the
 * inspector, the validator, the compiler, the simulator, the monitor view, the JSON Schema and the
 * property-test generator all read this through `registry.ts`. Data is validated by `data`;
 * everything else is a pure function of parsed data.
 *
 * ## Adding a node type
 * 1. `shared/nodes/<type>/definition.ts`: `export const <type>Node = defineNodeType({ … })` with at
 *    least the required fields below; the optional facts (touches, conditions, rules, …) only where
 *    the type has them — generic validator rules pick them up.
 * 2. `shared/nodes/<type>/lower.ts`: `export const <type>Lowering = defineLowering<Data>({ entry, lower })`
 *    mapping the data onto machine states (`shared/machine/types.ts`); reference it as `lower`.
 * 3. One line in `NODE_TYPES` in `shared/nodes/registry.ts`.
 * 4. Only if the generated inspector form (primitive and enum fields of an object schema, labelled by
 *    `form`) is not enough: `client/src/designer/inspector/editors/<type>-editor.tsx` exporting
 *    `Editor` — found by file name, no map to edit.
 * Then `npm run gen:schema` (generated, not hand-written). The icon is a lucide name from `icons.ts`.
 */
export interface NodeTypeDef<T extends string = string, D = unknown> {
  type: T;
  label: Text;
  description: Text;
  /** A lucide icon name (see `icons.ts`); the client draws it, so shared/ stays free of React. */
  icon: NodeIconName;
  category: NodeCategory;
  /** Whether the node has an input port (only entries have none). */
  hasInput: boolean;
  data: z.ZodType<D>;
  /** A new node's data; `lang` names what the user sees (branch labels) in the UI language. */
  defaults: (lang?: Lang) => D;
  outputs: (data: D) => PortDef[];
  stages: (data: D) => Stage[];
  channels: (data: D) => ChannelId[];
  summary: (data: D, lang: Lang) => string;
  /** How the node compiles to machine states. */
  lower: Lowering<D>;
  /** Valid data for property tests: the random flow generator picks one of these per node. */
  generate: (pick: (n: number) => number) => D;
  /**
   * The touches as the chains a customer can walk through them (a serial chain is one chain; parallel
   * lanes are one chain each). Drives touch checks, funnel order and contact caps. Absent: no touches.
   */
  touches?: (data: D) => TouchRef[][];
  /** Conditions inside the data, checked against the subscriber fields. */
  conditions?: (data: D) => ConditionRef[];
  /** Branches that test the journey's outcome so far (dead when no touch comes before). */
  outcomeTests?: (data: D) => { label: string; path: DataPath }[];
  /** Branch ids that become port ids (unique, free of '.'), and port ids the type reserves. */
  branches?: (data: D) => { ids: { id: string; label: string; path: DataPath }[]; reserved: string[] };
  /** Whether a customer always stays a positive time in the node, so a cycle through it cannot spin. */
  holdsCustomer?: (data: D) => boolean;
  /** Type-specific checks of valid data (generic graph rules live in `shared/flow/validate/`). */
  rules?: (data: D, ctx: RuleContext) => void;
  /**
   * How the approval diff (`shared/flow/diff-readable.ts`) reads the node beyond its summary and its
   * fields (labelled by `form`, else by the common labels): `content` — what a reviewer must read of an
   * added or removed node (a segment's conditions, a message's text); `asSummary` — a change anywhere
   * inside reads as the summary before → after under this label (a wait: 「等待 2 天」→「等待 6 小时」)
   * rather than field by field.
   */
  review?: { content?: (data: D) => ReviewLine[]; asSummary?: Text };
  /**
   * An entry node's audience: the condition group its customers must meet (ANDed with the flow's unit
   * and exclusions), and the same data with that group replaced. Conflict detection narrows a flow's
   * cities and customer groups by it; a template's city or customer-group parameter is ANDed into it.
   */
  audience?: { of: (data: D) => ConditionGroup; with: (data: D, conditions: ConditionGroup) => D };
  /**
   * A node whose audience can be a copy of a saved segment: the saved segment it links (if any), and the
   * data with the saved conditions and exclusions copied in. A draft's copies are refreshed by it, and a
   * saved segment lists the flows that link it by it.
   */
  savedSegment?: { linked: (data: D) => number | undefined; copy: (data: D, saved: { conditions: ConditionGroup; exclusions: unknown }) => D };
  /**
   * Upgrades of this type's raw data, keyed by the document schemaVersion they upgrade FROM: key a new
   * one by today's `CURRENT_SCHEMA_VERSION`; the document version then moves past it by itself
   * (`shared/flow/schema-version.ts`), with no document step to add.
   */
  migrations?: Record<number, (data: unknown) => unknown>;
  /**
   * Labels of the data's fields (generated inspector form and validator messages) and of enum options;
   * `choose`: text fields whose value is an id from a catalogue list (the generated form offers the list,
   * plus "none" for the empty value).
   */
  form?: { fields?: Record<string, Text>; options?: Record<string, Record<string, Text>>; choose?: Record<string, CatalogueList> };
}

/** Catalogue lists a generated form can offer for an id field. */
export type CatalogueList = 'products';

/** Identity function that pins the generic parameters so each definition stays fully typed. */
export const defineNodeType = <T extends string, D>(def: NodeTypeDef<T, D>): NodeTypeDef<T, D> => def;
