-- Version 20: login state every server instance shares and a restart keeps (issue 10, ASVS 2.2.1 and 2.8.4).
-- (Versions 13-19 are left to other changes; Flyway applies versions in order and tolerates the gap.)

-- The time step of the last one-time code accepted for the user: a code is accepted only for a later step, so a code
-- seen once (over a shoulder, in a proxy log) cannot log in again within its 30-second step or the drift either side.
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT;

-- Login throttling, per account ('u:' + username) and per client address ('a:' + address): the instants (epoch
-- milliseconds, comma-separated, oldest first) of the attempts still inside the window that did not succeed, at most
-- the limit of the key. An attempt is written here before its password is checked and taken off again when it
-- succeeds, so parallel attempts on several servers cannot pass the limit. A row is locked (SELECT ... FOR UPDATE)
-- while an attempt is counted; rows whose last attempt left the window are deleted.
CREATE TABLE login_throttle (
  throttle_key VARCHAR(100) PRIMARY KEY,
  attempts VARCHAR(1000) NOT NULL,
  last_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);
