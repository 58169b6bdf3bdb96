-- lint corpus case 43-cluster
-- From:
--   squawk prefer-repack: vacuum full and cluster take ACCESS EXCLUSIVE (https://squawkhq.com/docs/prefer-repack)
CLUSTER page_events USING page_events_occurred_at_idx;
