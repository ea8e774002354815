-- DATA-2: the record of a destroyed customer's data (what was erased, what was kept and why).
CREATE TABLE customer_erasures (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL UNIQUE REFERENCES customers (id),
    erased_at   timestamptz NOT NULL,
    erased_by   bigint NOT NULL REFERENCES users (id),
    reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 1000),
    erased      jsonb NOT NULL,
    kept        jsonb NOT NULL,
    kept_reason text NOT NULL CHECK (length(kept_reason) <= 4000)
);
