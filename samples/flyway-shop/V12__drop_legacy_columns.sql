-- Release 12: cleanup. Dropping a column the previous release still reads breaks it during the
-- deploy, and the data is gone for good.
ALTER TABLE products DROP COLUMN active;

-- The right way to remove an index that is in use: CONCURRENTLY, IF EXISTS for re-runs. But in the
-- same file as the DROP COLUMN it cannot share its transaction: Flyway refuses the mix unless
-- mixed=true, and with it the file is no longer atomic if it fails halfway.
DROP INDEX CONCURRENTLY IF EXISTS products_name_idx;
