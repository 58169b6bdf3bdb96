-- lint corpus case 55-rename-table: the target's state before the migration under test.
CREATE TABLE user_stars (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    repo_id bigint NOT NULL
);
INSERT INTO user_stars (user_id, repo_id)
SELECT g % 100 + 1, g FROM generate_series(1, 1000) AS g;
ANALYZE user_stars;
