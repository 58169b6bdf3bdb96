-- lint corpus case 29-add-exclusion-constraint
-- From:
--   Eugene E8 "Creating a new exclusion constraint" (https://kaveland.no/eugene/hints/E8/)
--   strong_migrations "Adding an exclusion constraint" (https://github.com/ankane/strong_migrations#adding-an-exclusion-constraint)
ALTER TABLE maintenance_windows
    ADD CONSTRAINT maintenance_windows_no_overlap EXCLUDE USING gist (during WITH &&);
