-- lint corpus case 52-create-table-force-new
-- From:
--   strong_migrations "Creating a table with the force option" (https://github.com/ankane/strong_migrations#creating-a-table-with-the-force-option)
--   squawk ban-drop-table (https://squawkhq.com/docs/ban-drop-table): only the target says whether anything is dropped
-- What create_table :report_exports, force: true emits.
DROP TABLE IF EXISTS report_exports;
CREATE TABLE report_exports (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
