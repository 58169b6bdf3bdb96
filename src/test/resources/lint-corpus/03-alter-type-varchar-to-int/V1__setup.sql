-- lint corpus case 03-alter-type-varchar-to-int: the target's state before the migration under test.
CREATE TABLE addresses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    street      text NOT NULL,
    postal_code varchar(100) NOT NULL
);
INSERT INTO addresses (street, postal_code)
SELECT g || ' Main Street', (10000 + g)::text FROM generate_series(1, 1000) AS g;
ANALYZE addresses;
