/**
 * Two #19 leftovers.
 *
 * A customer reply delivered twice by a CMPP gateway is applied once (issue #19): an ISMG that misses
 * the DELIVER_RESP sends the same DELIVER again with the same Msg_Id, unique per gateway. The reply
 * keeps that id, and a second reply with the same id on the same channel is not recorded or applied.
 * SMPP's deliver_sm carries no id for a mobile-originated message, so its replies keep none (NULL).
 *
 * Circuit breakers are seen across processes: each sending process writes its breaker's transitions for
 * a receiver (adapter name, e.g. binding:app@3) under its own owner id, so the admin page in the web
 * process shows what the engine workers see (server/engine/channels/breaker-states.ts).
 */
export const up = `
ALTER TABLE inbound_replies ADD COLUMN msg_id TEXT;
CREATE UNIQUE INDEX inbound_replies_msg_id ON inbound_replies(channel, msg_id) WHERE msg_id IS NOT NULL;
CREATE TABLE breaker_states (
  name TEXT NOT NULL,
  owner TEXT NOT NULL,
  opened_at INTEGER,
  cool_down_ms INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (name, owner)
);
`;
