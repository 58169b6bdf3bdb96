-- lint corpus case 11-add-column-not-null-no-default: the target's state before the migration under test.
-- The table exists in production and the current release writes to it, but it has no rows yet:
-- on a table with rows PostgreSQL rejects ADD COLUMN ... NOT NULL without a default outright.
CREATE TABLE user_preferences (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    theme   text
);
ANALYZE user_preferences;
