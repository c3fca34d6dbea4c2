import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import type { Db } from '../db/open.js';

/**
 * Load the library's shipped templates: every `flows/*.json` whose document has `template` meta is
 * upserted (id = document id). Idempotent — running again refreshes content and keeps usage counts.
 * Files that do not parse are reported and skipped, never fatal.
 */
export function loadTemplates(db: Db, dir = 'flows'): { loaded: string[]; skipped: { file: string; reason: string }[] } {
  const loaded: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  if (!existsSync(dir)) return { loaded, skipped };
  const upsert = db.prepare(`INSERT INTO templates (id, name, description, category, tags, parameters, document, source, partial, usage_count, created_at, updated_at)
      VALUES (@id, @name, @description, @category, @tags, @parameters, @document, 'file', 0, 0, @now, @now)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, category = excluded.category, tags = excluded.tags,
      parameters = excluded.parameters, document = excluded.document, updated_at = CASE WHEN templates.document = excluded.document THEN templates.updated_at ELSE excluded.updated_at END
    WHERE templates.source = 'file'`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const parsed = parseFlowDocument(readFileSync(join(dir, file), 'utf8'));
      if (!parsed.ok) { skipped.push({ file, reason: parsed.issues[0]?.message.en ?? 'invalid' }); continue; }
      const doc = parsed.doc;
      if (!doc.template) continue;
      upsert.run({ id: doc.id, name: doc.name, description: doc.description, category: doc.template.category, tags: JSON.stringify(doc.template.tags), parameters: JSON.stringify(doc.template.parameters), document: JSON.stringify(doc), now });
      loaded.push(doc.id);
    }
  })();
  return { loaded, skipped };
}
