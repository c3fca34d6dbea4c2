import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseFlowDocument } from '../../shared/flow/migrations.js';
import type { FlowDocument } from '../../shared/flow/document.js';
import { DomainError } from '../core/errors.js';
import { flowDocumentOrThrow } from './designer-document.js';

/** Template flows shipped with Linkage (`flows/*.json`), read from the working directory. */
export const templatesDir = () => resolve(process.env.FLOWS_DIR ?? 'flows');

export const templateFileSchema = z.string().regex(/^[a-zA-Z0-9_-]+\.json$/, 'a file name in flows/');

/** One shipped template, parsed and migrated; NOT_FOUND if there is no such file. */
export function readTemplateFile(file: string): FlowDocument {
  let text: string;
  try {
    text = readFileSync(join(templatesDir(), file), 'utf8');
  } catch {
    throw new DomainError({ code: 'NOT_FOUND', message: `模板不存在 / Template ${file} not found` });
  }
  return flowDocumentOrThrow(text);
}

/** The template files in `flows/`, for "open a template". Files that fail to parse are listed with their problem. */
export function listTemplateFiles() {
  let files: string[];
  try {
    files = readdirSync(templatesDir()).filter((f) => templateFileSchema.safeParse(f).success).sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const parsed = parseFlowDocument(readFileSync(join(templatesDir(), file), 'utf8'));
    if (!parsed.ok) return { file, ok: false as const, problem: parsed.issues[0]?.message ?? { zh: '无效', en: 'invalid' } };
    const d = parsed.doc;
    return { file, ok: true as const, id: d.id, name: d.name, description: d.description, category: d.template?.category ?? '', tags: d.template?.tags ?? [], nodes: d.nodes.length };
  });
}
