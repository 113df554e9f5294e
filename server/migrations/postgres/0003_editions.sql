-- Addresses a mail server refused for good, or whose reader complained:
-- they are sent nothing more (suppressed_at), and why (suppressed_reason).
-- A soft bounce is counted; the second suppresses.
ALTER TABLE subscribers ADD COLUMN suppressed_at TEXT;
ALTER TABLE subscribers ADD COLUMN suppressed_reason TEXT;
ALTER TABLE subscribers ADD COLUMN soft_bounces BIGINT NOT NULL DEFAULT 0;

-- An edition queued for sending: the published edition as it was sent
-- (its JSON), its window, and whether it is being sent.
CREATE TABLE editions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    date       TEXT NOT NULL UNIQUE,
    subject    TEXT NOT NULL,
    edition    TEXT NOT NULL,
    send_at    TEXT NOT NULL,
    not_after  TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('sending', 'paused', 'cancelled')),
    reason     TEXT,
    recipients BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

-- One delivery for each recipient frozen when the edition was queued.
-- subscriber_id is NULL once the address is erased. A delivery is claimed
-- by a sender (an instance, alive while its row in senders is fresh) in a
-- batch (claim); interrupted marks one whose last sender died holding it.
CREATE TABLE deliveries (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id      BIGINT NOT NULL REFERENCES editions (id),
    subscriber_id   BIGINT,
    bounce_token    TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'bounced', 'suppressed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sender          TEXT,
    claim           TEXT,
    interrupted     BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    done_at         TEXT
);
CREATE INDEX deliveries_pending ON deliveries (edition_id, id) WHERE state = 'pending';
CREATE INDEX deliveries_claimed ON deliveries (claim) WHERE claim IS NOT NULL;
CREATE INDEX deliveries_by_subscriber ON deliveries (subscriber_id);
CREATE INDEX deliveries_by_state ON deliveries (edition_id, state);
CREATE INDEX deliveries_done ON deliveries (edition_id, done_at) WHERE done_at IS NOT NULL;

-- Each running sender, alive until alive_until (renewed every few seconds).
CREATE TABLE senders (
    id          TEXT PRIMARY KEY,
    alive_until TEXT NOT NULL
);
