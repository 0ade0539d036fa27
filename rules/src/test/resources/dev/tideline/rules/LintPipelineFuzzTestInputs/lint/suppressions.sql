-- tideline:ignore create-index-non-concurrent reason: small table
CREATE INDEX i ON t (a);
-- tideline:ignore-file lock-timeout-missing
-- tideline:ignore
ALTER TABLE t ADD COLUMN b int;
