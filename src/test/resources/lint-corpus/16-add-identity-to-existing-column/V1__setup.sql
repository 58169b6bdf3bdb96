-- lint corpus case 16-add-identity-to-existing-column: the target's state before the migration under test.
CREATE TABLE tags (
    id   bigint NOT NULL PRIMARY KEY,
    name text NOT NULL
);
INSERT INTO tags (id, name)
SELECT g, 'tag-' || g FROM generate_series(1, 1000) AS g;
ANALYZE tags;
