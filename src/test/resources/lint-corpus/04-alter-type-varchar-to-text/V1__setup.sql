-- lint corpus case 04-alter-type-varchar-to-text: the target's state before the migration under test.
CREATE TABLE articles (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title varchar(255) NOT NULL
);
INSERT INTO articles (title)
SELECT 'Article number ' || g FROM generate_series(1, 1000) AS g;
ANALYZE articles;
