-- "Forgot password?" (issue 13): a single-use link valid one hour, mailed through the
-- outbox. Only the SHA-256 of the token is stored (like sessions and API tokens); a
-- reset or a newer use marks every open token of the user used.
CREATE TABLE password_resets (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_open_idx ON password_resets (user_id) WHERE used_at IS NULL;
