-- lint corpus case 18-add-primary-key-using-index: the target's state before the migration under test.
CREATE TABLE account (
    id   bigint NOT NULL,
    name text NOT NULL
);
INSERT INTO account (id, name)
SELECT g, 'account ' || g FROM generate_series(1, 1000) AS g;

-- Built CONCURRENTLY by an earlier migration (plain here: this file is the target's setup).
CREATE UNIQUE INDEX account_pk_idx ON account (id);
ANALYZE account;
