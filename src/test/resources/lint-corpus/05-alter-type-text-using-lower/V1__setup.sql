-- lint corpus case 05-alter-type-text-using-lower: the target's state before the migration under test.
CREATE TABLE accounts (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(255) NOT NULL
);
INSERT INTO accounts (email)
SELECT 'User' || g || '@Example.COM' FROM generate_series(1, 1000) AS g;
ANALYZE accounts;
