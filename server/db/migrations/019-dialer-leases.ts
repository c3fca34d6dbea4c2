/**
 * The call centre's dialer pulls due calls (issue #19 item 7): a queue item handed to the dialer carries
 * a lease (token and deadline). While leased it is hidden from the agent workbench; a lease not reported
 * back in time is released (the item waits again) and counted in `lease_expiries`.
 */
export const up = `
ALTER TABLE agent_queue ADD COLUMN lease_token TEXT;
ALTER TABLE agent_queue ADD COLUMN leased_until INTEGER;
ALTER TABLE agent_queue ADD COLUMN lease_expiries INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX agent_queue_lease ON agent_queue(lease_token);
`;
