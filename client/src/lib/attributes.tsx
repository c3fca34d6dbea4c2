import { setSubscriberFields } from '../../../shared/catalogue/subscriber-fields.js';
import { trpc } from '../trpc.js';
import { REFERENCE_QUERY, referenceGate } from './reference-gate.js';

/**
 * The attribute catalogue from the store (#18 item 2), put into the shared live list (SUBSCRIBER_FIELDS)
 * before the pages under it render, so the segment builder, the validator and condition texts know the
 * attributes an admin defined.
 */
const attributes = referenceGate(() => trpc.attributes.list.useQuery(undefined, REFERENCE_QUERY), setSubscriberFields);

export const AttributesGate = attributes.Gate;

/** Components listing attributes read this so they render again when the list changes. */
export const useAttributesVersion = attributes.useVersion;
