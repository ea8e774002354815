-- Files sent with an outbox message (an invoice's PDF and UBL).
CREATE TABLE outbox_attachments (
    id           bigserial PRIMARY KEY,
    message_id   bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    filename     text NOT NULL CHECK (filename ~ '^[A-Za-z0-9._ -]{1,100}$'),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
    content      bytea NOT NULL
);
CREATE INDEX outbox_attachments_message_idx ON outbox_attachments (message_id, id);
