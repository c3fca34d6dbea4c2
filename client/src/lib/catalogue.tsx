import { setCatalogue } from '../../../shared/catalogue/active.js';
import { trpc } from '../trpc.js';
import { REFERENCE_QUERY, referenceGate } from './reference-gate.js';

/**
 * The catalogue from the store (#18): its data goes into the shared live views (CHANNELS, PRODUCTS,
 * ORG_UNITS …) before the pages under it render, so the designer's pickers, the validator and the labels
 * all read what the admins keep.
 */
const catalogue = referenceGate(() => trpc.catalogue.get.useQuery(undefined, REFERENCE_QUERY), (d) => setCatalogue(d.catalogue, d.version));

export const CatalogueGate = catalogue.Gate;

/** Components that list catalogue entries read this so they render again when the catalogue changes. */
export const useCatalogueVersion = catalogue.useVersion;
