import type { NodeTypeDef } from '../nodes/define.js';
import { NODE_TYPES } from '../nodes/registry.js';

/** The version of the document's own format (its top-level fields); bump it with a step in `MIGRATIONS`. */
export const DOCUMENT_FORMAT_VERSION = 1;

/**
 * The schemaVersion a build writes: the document format's, or one past the newest data upgrade of any
 * node type (a definition's `migrations`, keyed by the version they upgrade FROM) — so a type that changes
 * its data adds its own upgrade keyed by today's version and the document version follows by itself.
 */
export const schemaVersionFor = (defs: readonly Pick<NodeTypeDef, 'migrations'>[]): number =>
  Math.max(DOCUMENT_FORMAT_VERSION, ...defs.flatMap((d) => Object.keys(d.migrations ?? {}).map((from) => Number(from) + 1)));

export const CURRENT_SCHEMA_VERSION = schemaVersionFor(Object.values(NODE_TYPES));
