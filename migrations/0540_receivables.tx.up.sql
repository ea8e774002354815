-- Receivables (INV-2 … INV-6, INV-8): payments, bank statements, allocation to invoices,
-- statutory interest rates, disputes and dunning steps. Payments are never edited:
-- refunds and reversals are new rows.

-- Statutory commercial interest (art. 6:119a BW): a rate is valid from its day until the
-- next one's. Admins edit the table; the claim refuses to guess a missing period.
CREATE TABLE interest_rates (
    valid_from date PRIMARY KEY,
    rate       numeric(5,2) NOT NULL CHECK (rate >= 0 AND rate <= 100),
    updated_at timestamptz NOT NULL
);
INSERT INTO interest_rates (valid_from, rate, updated_at) VALUES
    ('2019-01-01', 8.00, now()), ('2023-01-01', 10.50, now()), ('2023-07-01', 12.00, now()),
    ('2024-01-01', 12.50, now()), ('2024-07-01', 12.25, now()), ('2025-01-01', 11.15, now()),
    ('2025-07-01', 10.15, now()), ('2026-01-01', 10.15, now());

CREATE TABLE bank_statements (
    id           bigserial PRIMARY KEY,
    account      text NOT NULL DEFAULT '',
    filename     text NOT NULL DEFAULT '',
    credits      integer NOT NULL DEFAULT 0,
    added        integer NOT NULL DEFAULT 0,
    uploaded_by  bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL
);

CREATE TABLE payments (
    id           bigserial PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    kind         text NOT NULL CHECK (kind IN ('payment', 'refund', 'reversal')),
    amount       numeric(14,2) NOT NULL CHECK (amount > 0),
    received_on  date NOT NULL,
    reference    text NOT NULL DEFAULT '' CHECK (length(reference) <= 300),
    invoice_id   bigint REFERENCES invoices (id),          -- the invoice the payer named
    reverses_id  bigint UNIQUE REFERENCES payments (id),   -- a reversal cancels one payment once
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX payments_customer_idx ON payments (customer_id, id);

-- Every credit entry of an imported statement; its reference is unique so a statement
-- imported twice adds nothing. payment_id is set when it was matched or assigned.
CREATE TABLE bank_entries (
    id           bigserial PRIMARY KEY,
    statement_id bigint NOT NULL REFERENCES bank_statements (id),
    ref          text NOT NULL UNIQUE,
    account      text NOT NULL DEFAULT '',
    booked_on    date NOT NULL,
    amount       numeric(14,2) NOT NULL CHECK (amount > 0),
    currency     text NOT NULL DEFAULT 'EUR',
    debtor_name  text NOT NULL DEFAULT '',
    debtor_iban  text NOT NULL DEFAULT '',
    remittance   text NOT NULL DEFAULT '',
    payment_id   bigint UNIQUE REFERENCES payments (id),
    assigned_by  bigint REFERENCES users (id),
    assigned_at  timestamptz,
    created_at   timestamptz NOT NULL
);
CREATE INDEX bank_entries_unmatched_idx ON bank_entries (id) WHERE payment_id IS NULL;

-- The part of a payment applied to an invoice, with its split over costs, interest and
-- principal (art. 6:44 BW) as computed on the day; a reversed payment's rows stop counting.
CREATE TABLE allocations (
    id           bigserial PRIMARY KEY,
    payment_id   bigint NOT NULL REFERENCES payments (id),
    invoice_id   bigint NOT NULL REFERENCES invoices (id),
    applied_on   date NOT NULL,
    amount       numeric(14,2) NOT NULL CHECK (amount <> 0),
    to_costs     numeric(14,2) NOT NULL DEFAULT 0,
    to_interest  numeric(14,2) NOT NULL DEFAULT 0,
    to_principal numeric(14,2) NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    CHECK (to_costs + to_interest + to_principal = amount)
);
CREATE INDEX allocations_invoice_idx ON allocations (invoice_id, id);
CREATE INDEX allocations_payment_idx ON allocations (payment_id);

CREATE TABLE invoice_disputes (
    id            bigserial PRIMARY KEY,
    invoice_id    bigint NOT NULL REFERENCES invoices (id),
    customer_id   bigint NOT NULL REFERENCES customers (id),
    reason        text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
    disputed_part numeric(14,2) CHECK (disputed_part IS NULL OR disputed_part > 0),
    raised_on     date NOT NULL,
    raised_by     bigint REFERENCES users (id),
    resolved_on   date CHECK (resolved_on IS NULL OR resolved_on >= raised_on),
    resolution    text NOT NULL DEFAULT '',
    resolved_by   bigint REFERENCES users (id),
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX invoice_disputes_open_idx ON invoice_disputes (invoice_id) WHERE resolved_on IS NULL;

-- One row per dunning step an invoice reached, with the letter sent; unique per stage, so
-- the job can run any number of times.
CREATE TABLE dunning_steps (
    id          bigserial PRIMARY KEY,
    invoice_id  bigint NOT NULL REFERENCES invoices (id),
    customer_id bigint NOT NULL REFERENCES customers (id),
    stage       text NOT NULL CHECK (stage IN ('first_reminder', 'second_reminder', 'suspension', 'default_notice', 'collection')),
    sent_on     date NOT NULL,
    deadline    date NOT NULL,
    principal   numeric(14,2) NOT NULL,
    interest    numeric(14,2) NOT NULL,
    costs       numeric(14,2) NOT NULL,
    language    text NOT NULL DEFAULT 'nl',
    letter_pdf  bytea,
    created_at  timestamptz NOT NULL,
    UNIQUE (invoice_id, stage)
);
CREATE INDEX dunning_steps_customer_idx ON dunning_steps (customer_id, stage);
