/**
 * The import history names each job's file as the admin uploaded it (or the CLI's path, its base name),
 * so an operator can tell imports apart; `file` is the server's own copy (an upload id) and says nothing.
 * Who ran it is `user_id` (null: the command line). Jobs from before this migration have no name (null).
 */
export const up = `
ALTER TABLE data_import_jobs ADD COLUMN source_name TEXT;
`;
