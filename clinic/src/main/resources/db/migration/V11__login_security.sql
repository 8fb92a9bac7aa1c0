-- Version 11: login security (issue 10). A login can be deactivated; a one-time-code (TOTP)
-- secret, required for administrators and optional for everyone else, with a pending secret
-- while it is being set up; password hashes grow for the pre-hash prefix.
ALTER TABLE app_user ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE app_user ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE app_user ADD COLUMN totp_pending VARCHAR(64);
ALTER TABLE app_user ALTER COLUMN password_hash SET DATA TYPE VARCHAR(200);
