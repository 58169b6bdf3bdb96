-- lint corpus case 44-cluster-on
-- From:
--   counterpart of squawk prefer-repack (https://squawkhq.com/docs/prefer-repack): marks the index, rewrites nothing
-- Record the clustering index for the maintenance job; nothing is reordered now.
ALTER TABLE page_events CLUSTER ON page_events_occurred_at_idx;
