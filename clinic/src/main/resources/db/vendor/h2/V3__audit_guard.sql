-- Version 3 (H2): the audit log is append-only; a Java trigger refuses UPDATE and DELETE.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW CALL "org.openitb.clinic.AuditGuardTrigger";
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW CALL "org.openitb.clinic.AuditGuardTrigger";
