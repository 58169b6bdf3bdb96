-- The demo API's table. Amounts are exact decimals; the currency is an ISO 4217 code.
CREATE TABLE expenses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    description text          NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
    amount      numeric(12, 2) NOT NULL CHECK (amount > 0),
    currency    char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    spent_on    date          NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now()
);
