-- lint corpus case 15-add-column-bigserial
-- From:
--   strong_migrations "Adding an auto-incrementing column" (https://github.com/ankane/strong_migrations#adding-an-auto-incrementing-column)
--   Eugene E11 "Adding a SERIAL or GENERATED ... STORED column" (https://kaveland.no/eugene/hints/E11/)
ALTER TABLE cities_users ADD COLUMN id bigserial;
