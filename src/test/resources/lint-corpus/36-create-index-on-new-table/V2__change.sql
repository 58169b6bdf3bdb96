-- lint corpus case 36-create-index-on-new-table
-- From:
--   squawk require-concurrent-index-creation: "ignores indexes added to tables created in the same transaction" (https://squawkhq.com/docs/require-concurrent-index-creation)
--   strong_migrations "Adding an index non-concurrently": indexes on new tables don't require CONCURRENTLY (https://github.com/ankane/strong_migrations#adding-an-index-non-concurrently)
CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_user_id  bigint NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_app_user_id_idx ON login_attempts (app_user_id, attempted_at);
