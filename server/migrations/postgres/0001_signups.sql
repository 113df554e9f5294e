-- The schema of the first release, as PostgreSQL has it.
CREATE TABLE subscribers (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           TEXT NOT NULL,
    email_key       TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
    token           TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    confirmed_at    TEXT
);
CREATE TABLE outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id),
    kind          TEXT NOT NULL,
    link          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE TABLE idempotency_keys (
    key        TEXT PRIMARY KEY,
    email_key  TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
