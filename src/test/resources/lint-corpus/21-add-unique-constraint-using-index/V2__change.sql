-- lint corpus case 21-add-unique-constraint-using-index
-- From:
--   squawk disallowed-unique-constraint, the solution (https://squawkhq.com/docs/disallowed-unique-constraint)
--   Eugene E7, safer migration (https://kaveland.no/eugene/hints/E7/)
--   strong_migrations "Adding a unique constraint", Good (https://github.com/ankane/strong_migrations#adding-a-unique-constraint)
ALTER TABLE distributors ADD CONSTRAINT distributors_dist_id_key UNIQUE USING INDEX dist_id_uniq;
