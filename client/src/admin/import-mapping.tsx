import { useTranslation } from 'react-i18next';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/routers/_app.js';
import { useLang } from '../i18n/index.js';
import { selectClass } from '../governance/ui.js';

export type Preview = inferRouterOutputs<AppRouter>['data']['preview'];
/** File header → attribute key ('' = not imported). */
export type ColumnChoice = Record<string, string>;

/** What stops a start: required attributes left unmapped, an attribute mapped twice (as labels). */
export function mappingProblems(p: Preview, choice: ColumnChoice, pick: (t: { zh: string; en: string }) => string): { missing: string[]; twice: string[] } {
  const used = Object.values(choice).filter(Boolean);
  const label = (k: string) => pick(p.fields.find((f) => f.key === k)?.label ?? { zh: k, en: k });
  return {
    missing: p.fields.filter((f) => f.required && !used.includes(f.key)).map((f) => label(f.key)),
    twice: [...new Set(used.filter((k, i) => used.indexOf(k) !== i))].map(label),
  };
}

/** The file's header with an attribute picker per column, above its first rows as the import will read them. */
export function ImportMapping({ preview, choice, onChange }: { preview: Preview; choice: ColumnChoice; onChange: (c: ColumnChoice) => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const problems = mappingProblems(preview, choice, pick);
  return (
    <section className="space-y-2" data-testid="import-mapping">
      <div className="flex flex-wrap items-baseline gap-x-4 text-sm">
        <h3 className="font-medium text-slate-800">{t('dataImport.mapping.title')}</h3>
        <span className="text-slate-500" data-testid="import-row-estimate">
          {t(preview.exact ? 'dataImport.mapping.rowsExact' : 'dataImport.mapping.rows', { n: preview.estimatedRows.toLocaleString() })}
        </span>
        <span className="text-slate-500">{t('dataImport.mapping.preview', { count: preview.rows.length })}</span>
      </div>
      <p className="text-xs text-slate-500">{t('dataImport.mapping.hint')}</p>
      <div className="overflow-auto rounded-lg border border-slate-200">
        <table className="min-w-full text-xs">
          <thead className="bg-slate-50">
            <tr>
              {preview.header.map((h, i) => (
                <th key={i} className="border-b border-slate-200 px-2 py-1.5 text-left align-top font-medium text-slate-700">
                  <div className="mb-1 whitespace-nowrap">{h}</div>
                  <select aria-label={h} data-testid={`map-${h}`} className={`${selectClass} w-36 text-xs ${choice[h] ? 'border-brand-600' : ''}`}
                    value={choice[h] ?? ''} onChange={(e) => onChange({ ...choice, [h]: e.target.value })}>
                    <option value="">{t('dataImport.mapping.skip')}</option>
                    {preview.fields.map((f) => <option key={f.key} value={f.key}>{pick(f.label)}{f.required ? ' *' : ''}</option>)}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              <tr key={i} className="odd:bg-white even:bg-slate-50/50">
                {preview.header.map((_, j) => <td key={j} className="whitespace-nowrap px-2 py-1 text-slate-600">{r[j] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.missing.length > 0 && <p className="text-sm text-danger" role="alert">{t('dataImport.mapping.missing', { fields: problems.missing.join(pick({ zh: '、', en: ', ' })) })}</p>}
      {problems.twice.map((f) => <p key={f} className="text-sm text-danger" role="alert">{t('dataImport.mapping.twice', { field: f })}</p>)}
    </section>
  );
}
