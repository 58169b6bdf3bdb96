-- lint corpus case 57-add-column-filled-by-trigger: the target's state before the migration under test.
CREATE TABLE line_items (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    quantity         integer NOT NULL,
    unit_price_cents integer NOT NULL
);
INSERT INTO line_items (quantity, unit_price_cents)
SELECT g % 7 + 1, g * 3 FROM generate_series(1, 1000) AS g;
ANALYZE line_items;
