-- lint corpus case 59-set-unlogged-on-new-table
-- From:
--   none of the three tools documents it; the safe counterpart of case 47
-- The same ALTER as case 47, on a table this migration creates: lint tells them apart by the
-- table's age in the target, not by the statement's text.
CREATE TABLE page_event_rollups (
    path    text NOT NULL,
    day     date NOT NULL,
    visits  bigint NOT NULL,
    PRIMARY KEY (path, day)
);
ALTER TABLE page_event_rollups SET UNLOGGED;
