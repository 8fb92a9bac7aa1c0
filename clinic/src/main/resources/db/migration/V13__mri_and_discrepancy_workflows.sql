-- Version 13 (issue 9 defect 8): the post-MRI check names the pump interrogation that proved delivery resumed, a scan
-- above the pump's MR labelling is marked and carries who acknowledged it, and a refill discrepancy is resolved with
-- who, when, what was found and what was done.
ALTER TABLE mri_scan ADD COLUMN checked_by VARCHAR(64);
ALTER TABLE mri_scan ADD COLUMN check_session_id BIGINT;
ALTER TABLE mri_scan ADD COLUMN outside_label BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE mri_scan ADD COLUMN acknowledged_by VARCHAR(64);
ALTER TABLE refill ADD COLUMN resolved_at TIMESTAMP;
ALTER TABLE refill ADD COLUMN resolved_by VARCHAR(64);
ALTER TABLE refill ADD COLUMN resolution_found VARCHAR(1000);
ALTER TABLE refill ADD COLUMN resolution_action VARCHAR(1000);
