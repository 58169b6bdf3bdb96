-- Expenses get a category; existing rows fall into 'general'.
ALTER TABLE expenses ADD COLUMN category text NOT NULL DEFAULT 'general'
    CHECK (char_length(category) BETWEEN 1 AND 50);
