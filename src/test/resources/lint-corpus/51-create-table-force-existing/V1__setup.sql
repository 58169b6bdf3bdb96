-- lint corpus case 51-create-table-force-existing: the target's state before the migration under test.
CREATE TABLE report_exports (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO report_exports (format)
SELECT (ARRAY['csv', 'pdf'])[g % 2 + 1] FROM generate_series(1, 1000) AS g;
ANALYZE report_exports;
