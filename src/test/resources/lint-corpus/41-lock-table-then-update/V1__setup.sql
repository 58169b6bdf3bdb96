-- lint corpus case 41-lock-table-then-update: the target's state before the migration under test.
CREATE TABLE wallets (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    balance_cents bigint NOT NULL,
    currency      text NOT NULL
);
INSERT INTO wallets (balance_cents, currency)
SELECT g * 100, CASE WHEN g % 10 = 0 THEN 'DEM' ELSE 'EUR' END FROM generate_series(1, 1000) AS g;
ANALYZE wallets;
