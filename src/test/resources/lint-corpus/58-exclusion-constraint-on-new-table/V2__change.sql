-- lint corpus case 58-exclusion-constraint-on-new-table
-- From:
--   Eugene E8 "Creating a new exclusion constraint": there is no NOT VALID for EXCLUDE, so the
--   safe way is a constraint created with its table (https://kaveland.no/eugene/hints/E8/)
-- The safe counterpart of case 29: the constraint is born with a new table, which the
-- application fills from the next release on.
CREATE TABLE maintenance_bookings (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    during tstzrange NOT NULL,
    CONSTRAINT maintenance_bookings_no_overlap EXCLUDE USING gist (during WITH &&)
);
