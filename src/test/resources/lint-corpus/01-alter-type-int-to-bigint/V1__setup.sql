-- lint corpus case 01-alter-type-int-to-bigint: the target's state before the migration under test.
CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint  NOT NULL,
    total_cents integer NOT NULL
);
INSERT INTO orders (customer_id, total_cents)
SELECT g % 100 + 1, g * 10 FROM generate_series(1, 1000) AS g;
ANALYZE orders;
