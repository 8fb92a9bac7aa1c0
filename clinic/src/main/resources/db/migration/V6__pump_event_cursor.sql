-- Version 6: where each pump's event log was last read. A programmer session reads only the pump's events after the
-- last one the clinic has seen; keeping that position on the session record that saw it stores it in the same
-- INSERT (hence the same transaction) as the record, so a restart or another server instance continues from it:
-- the next session reads from MAX(last_pump_event) of the pump's serial. Records imported from other programmers
-- leave both columns empty. (V5 is taken by another change; Flyway applies versions in order and tolerates the gap.)
ALTER TABLE session_record ADD COLUMN pump_serial VARCHAR(64);
ALTER TABLE session_record ADD COLUMN last_pump_event BIGINT;
CREATE INDEX session_record_pump_event ON session_record(pump_serial, last_pump_event);
