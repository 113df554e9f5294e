-- Leaving: each subscriber gets a secret of its own for unsubscribe links.
ALTER TABLE subscribers ADD COLUMN unsubscribe_token TEXT;
UPDATE subscribers SET unsubscribe_token = lower(hex(randomblob(32))) WHERE unsubscribe_token IS NULL;
CREATE UNIQUE INDEX subscribers_by_unsubscribe_token ON subscribers (unsubscribe_token);

-- Sending: a message is claimed by one sender at a time (claim, until
-- claimed_until), retried with backoff (attempts, next_attempt_at,
-- last_error), and given up on after too many failures (failed_at).
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN claim TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
UPDATE outbox SET next_attempt_at = created_at WHERE next_attempt_at = '';
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_by_subscriber ON outbox (subscriber_id);

-- Rate limits every instance shares: signups per client per minute.
CREATE TABLE rate_limits (
    client       TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (client, window_start)
);
-- Old windows are deleted by window_start as new ones open.
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
