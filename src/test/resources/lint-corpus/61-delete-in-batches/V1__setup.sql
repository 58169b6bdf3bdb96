-- lint corpus case 61-delete-in-batches: the target's state before the migration under test.
CREATE TABLE user_sessions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL,
    token      text NOT NULL,
    expires_at timestamptz NOT NULL
);
INSERT INTO user_sessions (user_id, token, expires_at)
SELECT g, md5(g::text), timestamptz '2030-01-01' FROM generate_series(1, 1000) AS g;
ANALYZE user_sessions;
