-- lint corpus case 63-rename-column-expand
-- From:
--   strong_migrations "Renaming a column", the solution: create a new column, write to both
--   columns, backfill, move reads, stop writing to the old, drop it (https://github.com/ankane/strong_migrations#renaming-a-column)
--   squawk renaming-column (https://squawkhq.com/docs/renaming-column)
-- The safe counterpart of case 54, its first step: the new column, filled by a trigger for
-- every row the running release writes.
ALTER TABLE users ADD COLUMN new_name text;

CREATE FUNCTION users_copy_some_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.new_name := NEW.some_column;
    RETURN NEW;
END
$$;

CREATE TRIGGER users_copy_some_column BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION users_copy_some_column();
