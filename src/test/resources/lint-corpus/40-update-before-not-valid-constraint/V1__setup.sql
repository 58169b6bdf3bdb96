-- lint corpus case 40-update-before-not-valid-constraint: the target's state before the migration under test.
CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    price_cents integer NOT NULL
);
INSERT INTO products (name, price_cents)
SELECT 'product ' || g, CASE WHEN g % 100 = 0 THEN -1 ELSE g * 10 END
FROM generate_series(1, 1000) AS g;
ANALYZE products;
