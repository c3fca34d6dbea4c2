/**
 * A customer reply delivered twice by a CMPP gateway is applied once (issue #19): an ISMG that misses
 * the DELIVER_RESP sends the same DELIVER again with the same Msg_Id, unique per gateway. The reply
 * keeps that id, and a second reply with the same id on the same channel is not recorded or applied.
 * SMPP's deliver_sm carries no id for a mobile-originated message, so its replies keep none (NULL).
 */
export const up = `
ALTER TABLE inbound_replies ADD COLUMN msg_id TEXT;
CREATE UNIQUE INDEX inbound_replies_msg_id ON inbound_replies(channel, msg_id) WHERE msg_id IS NOT NULL;
`;
