-- lint corpus case 18-add-primary-key-using-index
-- From:
--   squawk adding-serial-primary-key-field, the solution: PRIMARY KEY USING INDEX (https://squawkhq.com/docs/adding-serial-primary-key-field)
ALTER TABLE account ADD CONSTRAINT account_pk PRIMARY KEY USING INDEX account_pk_idx;
