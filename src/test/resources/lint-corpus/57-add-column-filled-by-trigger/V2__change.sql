-- lint corpus case 57-add-column-filled-by-trigger
-- From:
--   strong_migrations "Adding a stored generated column", the solution: "Add a non-generated
--   column and use callbacks or triggers instead" (https://github.com/ankane/strong_migrations#adding-a-stored-generated-column)
-- The safe counterpart of case 13: a plain nullable column, kept up to date for new and
-- changed rows by a trigger; old rows are backfilled in batches by later migrations.
ALTER TABLE line_items ADD COLUMN total_cents bigint;

CREATE FUNCTION line_items_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.total_cents := NEW.quantity::bigint * NEW.unit_price_cents;
    RETURN NEW;
END
$$;

CREATE TRIGGER line_items_total_cents BEFORE INSERT OR UPDATE ON line_items
    FOR EACH ROW EXECUTE FUNCTION line_items_total_cents();
