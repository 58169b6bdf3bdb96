-- lint corpus case 17-add-primary-key: the target's state before the migration under test.
CREATE TABLE account (
    id   bigint NOT NULL,
    name text NOT NULL
);
INSERT INTO account (id, name)
SELECT g, 'account ' || g FROM generate_series(1, 1000) AS g;
ANALYZE account;
