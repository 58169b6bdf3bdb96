-- lint corpus case 20-add-unique-constraint
-- From:
--   squawk disallowed-unique-constraint (https://squawkhq.com/docs/disallowed-unique-constraint)
--   Eugene E7 "Creating a new unique constraint" (https://kaveland.no/eugene/hints/E7/)
--   strong_migrations "Adding a unique constraint" (https://github.com/ankane/strong_migrations#adding-a-unique-constraint)
ALTER TABLE distributors ADD CONSTRAINT dist_id_uniq UNIQUE (dist_id);
