/**
 * Every change of a customer's contact preferences — opt-out / opt-in per channel or for all marketing,
 * do-not-disturb on / off — with where it came from (a reply keyword, an event, a script keyword, an
 * admin) and the acknowledgement sent back on the channel, if the channel has one. `subscribers`
 * keeps the current state (opt_out_mask, dnd) that the contact policy reads; this is the history.
 */
export const up = `
CREATE TABLE contact_pref_changes (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('opt_out','opt_in','dnd_on','dnd_off')),
  channel TEXT,
  source TEXT NOT NULL CHECK (source IN ('reply','event','script','admin')),
  detail TEXT,
  ack TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX contact_pref_changes_customer ON contact_pref_changes(customer_id, at);
`;
