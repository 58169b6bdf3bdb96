-- lint corpus case 02-alter-type-varchar-widen: the target's state before the migration under test.
CREATE TABLE customers (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(100) NOT NULL
);
INSERT INTO customers (email)
SELECT 'customer' || g || '@example.com' FROM generate_series(1, 1000) AS g;
CREATE INDEX customers_email_idx ON customers (email);
ANALYZE customers;
