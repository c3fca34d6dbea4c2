/**
 * A benefit's call still queued or awaiting its answer counts as held (server/engine/runtime/provisioning.ts):
 * every batch that reaches a benefit step looks its customers up among the pending calls of every run. The
 * outbox is keyed by run first, so without this index that lookup read every pending call (54 ms per 5,000
 * customers beside 100,000 pending calls on PostgreSQL). Partial: answered calls, the bulk, stay out of it.
 */
export const up = `
CREATE INDEX provision_calls_pending ON provision_calls(customer_id, run_id) WHERE status IN ('queued', 'accepted');
`;
