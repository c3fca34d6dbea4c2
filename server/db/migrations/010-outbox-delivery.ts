/**
 * Outbox delivery runs beside the engine (issue #20 item 12): each queued outbox contact carries how
 * many delivery attempts it has had and when it may be tried next. `next_try_at` is also the claim: a
 * process delivering a contact moves it past its own deadline first, so two processes never post the
 * same contact at once, and one that died mid-delivery leaves it to be tried again after the claim ends.
 */
export const up = `
ALTER TABLE contacts ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN next_try_at INTEGER;
`;
