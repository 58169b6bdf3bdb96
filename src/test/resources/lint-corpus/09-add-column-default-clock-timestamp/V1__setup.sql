-- lint corpus case 09-add-column-default-clock-timestamp: the target's state before the migration under test.
CREATE TABLE events (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL
);
INSERT INTO events (kind)
SELECT (ARRAY['signup', 'login', 'logout'])[g % 3 + 1] FROM generate_series(1, 1000) AS g;
ANALYZE events;
