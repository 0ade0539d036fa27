-- The audit trail moved to the events table; this drops the old data for good.
DROP TABLE legacy_audit;
