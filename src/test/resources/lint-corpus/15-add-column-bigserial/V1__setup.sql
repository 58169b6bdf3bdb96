-- lint corpus case 15-add-column-bigserial: the target's state before the migration under test.
CREATE TABLE cities_users (
    city_id bigint NOT NULL,
    user_id bigint NOT NULL
);
INSERT INTO cities_users (city_id, user_id)
SELECT g % 50 + 1, g FROM generate_series(1, 1000) AS g;
ANALYZE cities_users;
