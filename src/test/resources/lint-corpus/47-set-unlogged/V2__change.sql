-- lint corpus case 47-set-unlogged
-- From:
--   none of the three tools documents it; the brief's list of rewrites that static linters miss
-- Page events can be rebuilt from the access logs; stop paying for WAL on them.
ALTER TABLE page_events SET UNLOGGED;
