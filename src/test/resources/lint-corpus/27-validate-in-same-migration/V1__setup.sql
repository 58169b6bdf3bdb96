-- lint corpus case 27-validate-in-same-migration: the target's state before the migration under test.
CREATE TABLE accounts (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    balance numeric(12, 2) NOT NULL
);
INSERT INTO accounts (balance)
SELECT g * 1.5 FROM generate_series(1, 1000) AS g;
ANALYZE accounts;
