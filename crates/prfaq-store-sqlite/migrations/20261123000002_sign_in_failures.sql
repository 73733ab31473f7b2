-- Failed sign-ins per account (lowercased e-mail), for the rate limiter: kept in the database
-- so that every server sharing it counts the same attempts.
CREATE TABLE sign_in_failures (
    account TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_account_at ON sign_in_failures (account, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
