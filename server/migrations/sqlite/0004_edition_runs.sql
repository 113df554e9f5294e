-- Each resume of an edition starts a new run. A send records the run it
-- was claimed in, so failures from before a resume (the mail server was
-- still down) neither pause the resumed edition nor delay its retries.
ALTER TABLE editions ADD COLUMN run INTEGER NOT NULL DEFAULT 0;
