-- lint corpus case 50-truncate
-- From:
--   squawk ban-truncate-cascade (https://squawkhq.com/docs/ban-truncate-cascade), here without CASCADE
-- Force everyone to sign in again after the session format change.
TRUNCATE user_sessions;
