-- lint corpus case 60-reindex-concurrently-outside-transaction: the target's state before the migration under test.
CREATE TABLE page_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path        text NOT NULL,
    occurred_at timestamptz NOT NULL
);
INSERT INTO page_events (path, occurred_at)
SELECT '/page/' || (g % 37), timestamptz '2024-01-01' + (1000 - g) * interval '1 minute'
FROM generate_series(1, 1000) AS g;
CREATE INDEX page_events_occurred_at_idx ON page_events (occurred_at);
ANALYZE page_events;
