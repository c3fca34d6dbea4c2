/**
 * Whose customers an admin's import may name, add, change and remove: a city admin's city, a district
 * admin's district. Given as SQL conditions on `subscribers` (alias `s`), built from the job's options
 * alone (the import thread need not know the organisation tree).
 */
export interface ImportScope {
  /** The admin's unit, as the bad-row reasons name it. */
  unit: string;
  /** A customer of the unit. */
  inside: string;
  /** A customer of another unit: one without a district is outside every district. */
  outside: string;
  params: string[];
}

export function importScope(scopeCity: string | null, scopeDistrict: string | null | undefined, alias = 's'): ImportScope | null {
  if (scopeDistrict) {
    return { unit: scopeDistrict, inside: `${alias}.district = ?`, outside: `(${alias}.district IS NULL OR ${alias}.district <> ?)`, params: [scopeDistrict] };
  }
  if (scopeCity) return { unit: scopeCity, inside: `${alias}.city = ?`, outside: `${alias}.city <> ?`, params: [scopeCity] };
  return null;
}
