-- Version 4 (H2): the dashboard's precomputed "next refill due" row per patient, from the patient's latest
-- refill (latest time, then highest id). due_at is the conservative alarm date, or the refill-by date when it
-- comes more than the 7-day buffer (RefillCalculator.DEFAULT_BUFFER_DAYS) earlier. A Java trigger recomputes the
-- row in the same transaction as every insert, update or delete of a refill, so no write path can forget it.
-- The same DDL is in db/vendor/postgresql/V4__refill_due.sql.
CREATE TABLE refill_due (
  patient_id BIGINT PRIMARY KEY,
  refill_id BIGINT NOT NULL,
  refill_by TIMESTAMP NOT NULL,
  due_at TIMESTAMP NOT NULL
);
CREATE INDEX refill_due_due ON refill_due(due_at, patient_id);
CREATE INDEX refill_open_discrepancy ON refill(flagged, resolved, at);
CREATE INDEX mri_scan_unchecked ON mri_scan(checked_at, scan_at);
CREATE INDEX replacement_open ON replacement(done_date, end_of_service);
INSERT INTO refill_due(patient_id, refill_id, refill_by, due_at)
  SELECT r.patient_id, r.id, r.refill_by,
      CASE WHEN r.conservative_alarm_at IS NOT NULL AND r.conservative_alarm_at <= r.refill_by + INTERVAL '7' DAY
        THEN r.conservative_alarm_at ELSE r.refill_by END
  FROM refill r
  WHERE r.id = (SELECT r2.id FROM refill r2 WHERE r2.patient_id = r.patient_id ORDER BY r2.at DESC, r2.id DESC LIMIT 1);
CREATE TRIGGER refill_due_maintain AFTER INSERT, UPDATE, DELETE ON refill FOR EACH ROW CALL "org.openitb.clinic.RefillDueTrigger";
