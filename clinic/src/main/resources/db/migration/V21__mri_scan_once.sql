-- One patient cannot be in two MRI scans at one instant: the same scan recorded twice (a double submit,
-- two nurses at once) is refused by this index (409), so no second post-MRI check falls due.
CREATE UNIQUE INDEX mri_scan_once ON mri_scan(patient_id, scan_at);
