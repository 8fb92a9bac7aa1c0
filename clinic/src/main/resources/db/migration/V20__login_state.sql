-- Version 20: login state every server instance shares and a restart keeps (issue 10, ASVS 2.2.1 and 2.8.4).
-- (Versions 13-19 are left to other changes; Flyway applies versions in order and tolerates the gap.)

-- The time step of the last one-time code accepted for the user: a code is accepted only for a later step, so a code
-- seen once (over a shoulder, in a proxy log) cannot log in again within its 30-second step or the drift either side.
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT;

-- Login throttling, per account ('u:' + username) and per client address ('a:' + address): the instants (epoch
-- milliseconds, comma-separated) of the attempts inside the window that failed, and, prefixed 'p', of those still
-- being checked. An attempt is written here (pending) before its password is checked, then kept as a failure or taken
-- off, so parallel attempts on several servers cannot pass the limit. A row is locked (SELECT ... FOR UPDATE)
-- while an attempt is counted; rows whose last attempt left the window are deleted.
CREATE TABLE login_throttle (
  throttle_key VARCHAR(100) PRIMARY KEY,
  attempts VARCHAR(1000) NOT NULL,
  last_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);

-- When a session was last used (ASVS 3.3.2): a session idle for longer than Sessions.IDLE ends, whatever its lifetime.
-- Written at most once per Sessions.TOUCH per session, so reading pages costs (almost) no writes.
ALTER TABLE login_session ADD COLUMN last_seen_at TIMESTAMP;
