-- Foundation: customers, users and their sessions/tokens, audit log, outbox,
-- custom calendars and gapless counters.

CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint NOT NULL CHECK (value >= 0)
);

CREATE TABLE customers (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL CHECK (length(btrim(name)) > 0),
    kvk_number    text CHECK (kvk_number ~ '^[0-9]{8}$'),
    vat_id        text,
    country       char(2) NOT NULL DEFAULT 'NL' CHECK (country ~ '^[A-Z]{2}$'),
    street        text NOT NULL DEFAULT '',
    postal_code   text NOT NULL DEFAULT '',
    city          text NOT NULL DEFAULT '',
    billing_email text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX customers_kvk_key ON customers (kvk_number) WHERE kvk_number IS NOT NULL;
CREATE INDEX customers_name_idx ON customers (lower(name), id);

CREATE TABLE users (
    id             bigserial PRIMARY KEY,
    email          text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
    name           text NOT NULL CHECK (length(btrim(name)) > 0),
    role           text NOT NULL CHECK (role IN ('admin', 'account_manager', 'technician', 'customer')),
    customer_id    bigint REFERENCES customers (id),
    password_hash  text NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    blocked_until  timestamptz,
    blocked_reason text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT users_customer_role CHECK ((role = 'customer') = (customer_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_customer_idx ON users (customer_id) WHERE customer_id IS NOT NULL;

-- Admin UI sessions; the cookie holds a random token, the table its SHA-256.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    user_agent   text NOT NULL DEFAULT '',
    ip           text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- API bearer tokens, stored hashed, revocable.
CREATE TABLE api_tokens (
    id           bigserial PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- T-7: one representative blocks another's account for at most 48 hours.
CREATE TABLE user_blocks (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    blocked_by  bigint NOT NULL REFERENCES users (id),
    reason      text NOT NULL CHECK (length(btrim(reason)) > 0),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    lifted_at   timestamptz,
    CONSTRAINT user_blocks_max_48h CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '48 hours')
);
CREATE INDEX user_blocks_user_idx ON user_blocks (user_id, id);

-- DATA-1: every mutation: who, when, what entity, what changed.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_id    bigint REFERENCES users (id),
    actor_email text NOT NULL DEFAULT '',
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    action      text NOT NULL,
    changes     jsonb NOT NULL DEFAULT '{}',
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id DESC);
CREATE INDEX audit_log_id_idx ON audit_log (id DESC);

-- Notifications: written in the same transaction as the change that causes them,
-- delivered by a River worker over SMTP when configured.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    kind        text NOT NULL,
    to_address  text NOT NULL CHECK (position('@' in to_address) > 1),
    subject     text NOT NULL,
    body        text NOT NULL,
    not_before  timestamptz NOT NULL,
    status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'held')),
    attempts    int NOT NULL DEFAULT 0,
    last_error  text NOT NULL DEFAULT '',
    sent_at     timestamptz,
    entity      text NOT NULL DEFAULT '',
    entity_id   text NOT NULL DEFAULT '',
    dedup_key   text
);
CREATE INDEX outbox_due_idx ON outbox (not_before, id) WHERE status = 'pending';
CREATE INDEX outbox_id_idx ON outbox (id DESC);
CREATE UNIQUE INDEX outbox_dedup_key ON outbox (dedup_key) WHERE dedup_key IS NOT NULL;

-- Custom business calendars (built-ins live in code).
CREATE TABLE calendars (
    id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    definition  jsonb NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
