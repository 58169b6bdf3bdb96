-- lint corpus case 19-add-primary-key-using-index-nullable: the target's state before the migration under test.
CREATE TABLE authors (
    name text
);
INSERT INTO authors (name)
SELECT 'author ' || g FROM generate_series(1, 1000) AS g;
-- Built CONCURRENTLY by an earlier migration (plain here: this file is the target's setup).
CREATE UNIQUE INDEX authors_name_key ON authors (name);
ANALYZE authors;
