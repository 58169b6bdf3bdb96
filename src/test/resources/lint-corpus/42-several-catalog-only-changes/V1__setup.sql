-- lint corpus case 42-several-catalog-only-changes: the target's state before the migration under test.
CREATE TABLE orders (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status text NOT NULL
);
INSERT INTO orders (status)
SELECT (ARRAY['new', 'paid', 'shipped'])[g % 3 + 1] FROM generate_series(1, 1000) AS g;
ANALYZE orders;
