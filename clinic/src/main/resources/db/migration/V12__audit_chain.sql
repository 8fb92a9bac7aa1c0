-- Version 12: the audit log is hash-chained (issue 10): each row's row_hash is SHA-256 over its
-- content and the previous row's hash; audit_head holds the last row's id and hash, and its row
-- lock serialises appends so the chain never forks. Rows from before V12 have no hash and are
-- reported as unchained by `itb audit verify`.
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN row_hash VARCHAR(64);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head(id, last_id, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
