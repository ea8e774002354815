-- Uploaded photos and documents (images, PDF; at most 10 MB), attached to a record of a
-- domain (owner_kind/owner_id); served only through the owning domain's access check.
CREATE TABLE uploads (
    id           bigserial PRIMARY KEY,
    owner_kind   text NOT NULL,
    owner_id     bigint NOT NULL,
    customer_id  bigint REFERENCES customers (id),
    filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf')),
    size         int NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256       bytea NOT NULL,
    data         bytea NOT NULL,
    uploaded_by  bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL
);
CREATE INDEX uploads_owner_idx ON uploads (owner_kind, owner_id, id);
