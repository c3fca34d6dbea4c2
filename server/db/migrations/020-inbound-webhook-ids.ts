/**
 * Signed replies from an HTTP platform are applied once (issue #19): Standard Webhooks gives each message a
 * `webhook-id`; a platform's retry, or a replay of a captured request inside the signature's five-minute
 * window, carries the same id and is answered `duplicate` without being applied again.
 */
export const up = `
CREATE TABLE inbound_webhook_ids (
  channel TEXT NOT NULL,
  id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (channel, id)
);
CREATE INDEX inbound_webhook_ids_received ON inbound_webhook_ids(received_at);
`;
