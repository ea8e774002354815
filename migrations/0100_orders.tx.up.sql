-- Orders: quotes (versioned, Q-1..Q-3, Q-7) → orders (Q-4..Q-6) → contracts (Q-8, Q-9),
-- the standard rate list for extra work, index series and yearly indexation runs (IDX-1..3).

CREATE TABLE quotes (
    id                    bigserial PRIMARY KEY,
    number                text NOT NULL CHECK (number ~ '^Q[0-9]{4}-[0-9]{4,}$'),
    version               int NOT NULL CHECK (version >= 1),
    customer_id           bigint NOT NULL REFERENCES customers (id),
    title                 text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    status                text NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'withdrawn', 'superseded', 'expired')),
    valid_days            int NOT NULL CHECK (valid_days BETWEEN 1 AND 365),
    cancellable           boolean NOT NULL DEFAULT false,
    fixed_price           boolean NOT NULL DEFAULT false,
    advance_payment       boolean NOT NULL DEFAULT false,
    lead_time_days        int NOT NULL DEFAULT 0 CHECK (lead_time_days BETWEEN 0 AND 730),
    start_date            date,
    terms_profile         text NOT NULL,
    initial_term_months   int NOT NULL CHECK (initial_term_months BETWEEN 1 AND 120),
    renewal_term_months   int NOT NULL CHECK (renewal_term_months BETWEEN 1 AND 120),
    notice_months         int NOT NULL DEFAULT 0 CHECK (notice_months BETWEEN 0 AND 24),
    notice_days           int NOT NULL DEFAULT 0 CHECK (notice_days BETWEEN 0 AND 730),
    notice_method         text NOT NULL,
    price_change_rule     text NOT NULL CHECK (price_change_rule IN ('none', 'announce_by_31_october', 'announce_one_month_first_year_fixed')),
    renew_with_initial    boolean NOT NULL DEFAULT false,
    index_method          text NOT NULL CHECK (index_method IN ('none', 'series', 'fixed_percentage')),
    index_series          text,
    index_reference_month int NOT NULL DEFAULT 10 CHECK (index_reference_month BETWEEN 0 AND 12),
    index_floor           numeric(7,3),
    index_cap             numeric(7,3),
    index_fixed_percent   numeric(7,3) NOT NULL DEFAULT 0,
    -- totals are stored with the lines (one transaction) so lists never aggregate lines
    net                   numeric(14,2) NOT NULL,
    vat                   numeric(14,2) NOT NULL,
    gross                 numeric(14,2) NOT NULL,
    created_by            bigint REFERENCES users (id),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    sent_at               timestamptz,
    valid_until           date,
    accepted_at           timestamptz,
    accepted_by           text,
    acceptance_method     text CHECK (acceptance_method IN ('portal', 'signed_pdf', 'email')),
    accepted_by_user      bigint REFERENCES users (id),
    declined_at           timestamptz,
    decline_reason        text,
    reminder_sent_at      timestamptz,
    UNIQUE (number, version),
    CONSTRAINT quotes_notice_one_unit CHECK ((notice_months > 0) <> (notice_days > 0)),
    CONSTRAINT quotes_sent_has_validity CHECK (status IN ('draft', 'withdrawn', 'superseded') OR (sent_at IS NOT NULL AND valid_until IS NOT NULL)),
    CONSTRAINT quotes_accepted_recorded CHECK ((status = 'accepted') = (accepted_at IS NOT NULL AND accepted_by IS NOT NULL AND acceptance_method IS NOT NULL)),
    CONSTRAINT quotes_series_named CHECK (index_method <> 'series' OR index_series IS NOT NULL)
);
-- Q-1: one live version per number; revising supersedes the previous one.
CREATE UNIQUE INDEX quotes_one_live_version ON quotes (number) WHERE status <> 'superseded';
CREATE INDEX quotes_list_idx ON quotes (id DESC);
CREATE INDEX quotes_customer_idx ON quotes (customer_id, id DESC);
CREATE INDEX quotes_open_idx ON quotes (valid_until, id) WHERE status = 'sent';

CREATE TABLE quote_lines (
    id          bigserial PRIMARY KEY,
    quote_id    bigint NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    position    int NOT NULL CHECK (position >= 1),
    kind        text NOT NULL CHECK (kind IN ('hardware', 'service', 'recurring', 'secondment', 'training')),
    description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 1000),
    quantity    numeric(12,3) NOT NULL CHECK (quantity > 0),
    unit        text NOT NULL CHECK (length(btrim(unit)) BETWEEN 1 AND 20),
    unit_price  numeric(14,2) NOT NULL CHECK (unit_price >= 0),
    vat_rate    numeric(5,2) NOT NULL CHECK (vat_rate IN (21, 9, 0)),
    period      text CHECK (period IN ('month', 'year')),
    sku         text NOT NULL DEFAULT '',
    line_total  numeric(14,2) NOT NULL,
    UNIQUE (quote_id, position),
    CONSTRAINT quote_lines_period_iff_recurring CHECK ((kind = 'recurring') = (period IS NOT NULL))
);

CREATE TABLE orders (
    id                         bigserial PRIMARY KEY,
    number                     text NOT NULL UNIQUE,
    quote_id                   bigint NOT NULL UNIQUE REFERENCES quotes (id), -- one order per accepted quote
    customer_id                bigint NOT NULL REFERENCES customers (id),
    title                      text NOT NULL,
    status                     text NOT NULL CHECK (status IN ('open', 'cancelled')),
    start_date                 date NOT NULL,
    cancellable                boolean NOT NULL,
    fixed_price                boolean NOT NULL,
    lead_time_days             int NOT NULL DEFAULT 0,
    details_agreed_on          date,
    data_supplied_on           date,
    quote_accepted_on          date NOT NULL,
    advance_payment_required   boolean NOT NULL DEFAULT false,
    advance_payment_received_on date,
    net                        numeric(14,2) NOT NULL,
    vat                        numeric(14,2) NOT NULL,
    gross                      numeric(14,2) NOT NULL,
    created_at                 timestamptz NOT NULL,
    cancelled_at               timestamptz,
    cancellation_fee           numeric(14,2) CHECK (cancellation_fee >= 0),
    cancellation_reason        text,
    CONSTRAINT orders_cancel_recorded CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancellation_fee IS NOT NULL))
);
CREATE INDEX orders_customer_idx ON orders (customer_id, id DESC);

CREATE TABLE order_lines (
    id            bigserial PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    quote_line_id bigint NOT NULL REFERENCES quote_lines (id),
    position      int NOT NULL,
    kind          text NOT NULL,
    description   text NOT NULL,
    quantity      numeric(12,3) NOT NULL CHECK (quantity > 0),
    unit          text NOT NULL,
    unit_price    numeric(14,2) NOT NULL CHECK (unit_price >= 0),
    vat_rate      numeric(5,2) NOT NULL,
    period        text,
    sku           text NOT NULL DEFAULT '',
    line_total    numeric(14,2) NOT NULL,
    UNIQUE (order_id, position)
);

CREATE TABLE order_extensions (
    id                bigserial PRIMARY KEY,
    order_id          bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    working_days      int NOT NULL CHECK (working_days BETWEEN 1 AND 365),
    reason            text NOT NULL CHECK (reason IN ('phase_approval', 'changed_circumstances', 'change_work')),
    note              text NOT NULL CHECK (length(btrim(note)) > 0),
    change_request_id bigint,
    recorded_at       timestamptz NOT NULL,
    recorded_by       bigint REFERENCES users (id)
);
CREATE INDEX order_extensions_order_idx ON order_extensions (order_id, id);

-- Q-5: the standard rate list, used for extra work without an agreed rate.
CREATE TABLE standard_rates (
    sku         text PRIMARY KEY CHECK (length(btrim(sku)) BETWEEN 1 AND 64),
    description text NOT NULL CHECK (length(btrim(description)) > 0),
    kind        text NOT NULL CHECK (kind IN ('hardware', 'service', 'secondment', 'training')),
    unit        text NOT NULL,
    unit_price  numeric(14,2) NOT NULL CHECK (unit_price >= 0),
    vat_rate    numeric(5,2) NOT NULL CHECK (vat_rate IN (21, 9, 0)),
    updated_at  timestamptz NOT NULL
);
INSERT INTO standard_rates (sku, description, kind, unit, unit_price, vat_rate, updated_at) VALUES
    ('ENG-HOUR', 'Engineer, per hour (standard rate)', 'service', 'hour', 115.00, 21, now()),
    ('CONSULT-HOUR', 'Consultant, per hour (standard rate)', 'service', 'hour', 135.00, 21, now()),
    ('TRAVEL', 'Travel time and costs, per visit', 'service', 'visit', 65.00, 21, now());

CREATE TABLE change_requests (
    id                bigserial PRIMARY KEY,
    order_id          bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    description       text NOT NULL,
    necessary         boolean NOT NULL,
    status            text NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'rejected')),
    approval_required boolean NOT NULL,
    fixed_price       boolean NOT NULL,
    net               numeric(14,2) NOT NULL,
    vat               numeric(14,2) NOT NULL,
    gross             numeric(14,2) NOT NULL,
    order_net_before  numeric(14,2) NOT NULL,
    order_net_after   numeric(14,2) NOT NULL,
    consequence       text NOT NULL,
    requested_at      timestamptz NOT NULL,
    requested_by      bigint REFERENCES users (id),
    decided_at        timestamptz,
    decided_by        text,
    CONSTRAINT change_requests_open_undecided CHECK (status <> 'awaiting_approval' OR decided_at IS NULL),
    CONSTRAINT change_requests_decision_recorded CHECK (NOT approval_required OR status = 'awaiting_approval' OR decided_at IS NOT NULL)
);
CREATE INDEX change_requests_order_idx ON change_requests (order_id, id);

CREATE TABLE change_request_lines (
    id                bigserial PRIMARY KEY,
    change_request_id bigint NOT NULL REFERENCES change_requests (id) ON DELETE CASCADE,
    position          int NOT NULL,
    kind              text NOT NULL,
    description       text NOT NULL,
    quantity          numeric(12,3) NOT NULL CHECK (quantity > 0),
    unit              text NOT NULL,
    unit_price        numeric(14,2) NOT NULL,
    vat_rate          numeric(5,2) NOT NULL,
    period            text,
    sku               text NOT NULL,
    price_source      text NOT NULL CHECK (price_source IN ('agreed_rate', 'standard_rate')),
    line_total        numeric(14,2) NOT NULL,
    UNIQUE (change_request_id, position)
);

CREATE TABLE contracts (
    id                    bigserial PRIMARY KEY,
    number                text NOT NULL UNIQUE,
    customer_id           bigint NOT NULL REFERENCES customers (id),
    order_id              bigint NOT NULL UNIQUE REFERENCES orders (id),
    quote_id              bigint NOT NULL REFERENCES quotes (id),
    start_date            date NOT NULL,
    terms_profile         text NOT NULL,
    initial_term_months   int NOT NULL CHECK (initial_term_months BETWEEN 1 AND 120),
    renewal_term_months   int NOT NULL CHECK (renewal_term_months BETWEEN 1 AND 120),
    notice_months         int NOT NULL DEFAULT 0,
    notice_days           int NOT NULL DEFAULT 0,
    notice_method         text NOT NULL,
    price_change_rule     text NOT NULL,
    index_method          text NOT NULL CHECK (index_method IN ('none', 'series', 'fixed_percentage')),
    index_series          text,
    index_reference_month int NOT NULL DEFAULT 10,
    index_floor           numeric(7,3),
    index_cap             numeric(7,3),
    index_fixed_percent   numeric(7,3) NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    notice_received_at    timestamptz,
    notice_deemed_on      date,
    notice_deadline       date,
    notice_on_time        boolean,
    end_date              date,
    termination_reason    text,
    terminated_at         timestamptz,
    terminated_by         bigint REFERENCES users (id),
    CONSTRAINT contracts_notice_one_unit CHECK ((notice_months > 0) <> (notice_days > 0)),
    CONSTRAINT contracts_termination_whole CHECK ((end_date IS NULL) = (notice_received_at IS NULL AND notice_deemed_on IS NULL AND terminated_at IS NULL)),
    CONSTRAINT contracts_end_after_start CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX contracts_customer_idx ON contracts (customer_id, id DESC);

CREATE TABLE contract_lines (
    id            bigserial PRIMARY KEY,
    contract_id   bigint NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    order_line_id bigint NOT NULL REFERENCES order_lines (id),
    description   text NOT NULL,
    quantity      numeric(12,3) NOT NULL,
    unit          text NOT NULL,
    sku           text NOT NULL DEFAULT '',
    fee           numeric(14,2) NOT NULL CHECK (fee >= 0),
    period        text NOT NULL CHECK (period IN ('month', 'year')),
    vat_rate      numeric(5,2) NOT NULL,
    fee_since     date NOT NULL
);
CREATE INDEX contract_lines_contract_idx ON contract_lines (contract_id, id);

-- IDX-1: index series are data; a rebased series names the one it continues.
CREATE TABLE index_series (
    code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    base         text NOT NULL CHECK (length(btrim(base)) BETWEEN 1 AND 40),
    rebased_from text UNIQUE REFERENCES index_series (code),
    created_at   timestamptz NOT NULL,
    CONSTRAINT index_series_not_self CHECK (rebased_from IS NULL OR rebased_from <> code)
);

-- The series the terms profiles name (values are loaded from CBS StatLine, never guessed):
-- 004:4.2 names the commercial services price index; CPI 2015=100 ran until December 2025
-- and continues as CPI 2025=100 from January 2026 (IDX-1).
INSERT INTO index_series (code, name, base, rebased_from, created_at) VALUES
    ('cbs-cdt', 'CBS Prijsindex commerciële dienstverlening en transport', '2015=100', NULL, now()),
    ('cbs-cpi-2015', 'CBS Consumentenprijzen, CPI (83131NED)', '2015=100', NULL, now()),
    ('cbs-cpi', 'CBS Consumentenprijzen, CPI', '2025=100', 'cbs-cpi-2015', now());

CREATE TABLE index_values (
    series_code text NOT NULL REFERENCES index_series (code) ON DELETE CASCADE,
    period      date NOT NULL CHECK (extract(day FROM period) = 1),
    value       numeric(12,4) NOT NULL CHECK (value > 0),
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (series_code, period)
);

CREATE TABLE indexation_runs (
    id           bigserial PRIMARY KEY,
    year         int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    status       text NOT NULL CHECK (status IN ('proposed', 'applied', 'discarded')),
    announced_on date NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES users (id),
    applied_at   timestamptz,
    applied_by   bigint REFERENCES users (id),
    CONSTRAINT indexation_runs_applied CHECK ((status = 'applied') = (applied_at IS NOT NULL))
);
-- One applied run per year: fees are indexed once per 1 January.
CREATE UNIQUE INDEX indexation_runs_one_applied ON indexation_runs (year) WHERE status = 'applied';

CREATE TABLE indexation_proposals (
    id                bigserial PRIMARY KEY,
    run_id            bigint NOT NULL REFERENCES indexation_runs (id) ON DELETE CASCADE,
    contract_id       bigint NOT NULL REFERENCES contracts (id),
    contract_line_id  bigint NOT NULL REFERENCES contract_lines (id),
    effective         date NOT NULL,
    old_fee           numeric(14,2) NOT NULL,
    new_fee           numeric(14,2) NOT NULL,
    factor            numeric(12,6) NOT NULL,
    method            text NOT NULL,
    series            text NOT NULL DEFAULT '',
    index_new         jsonb NOT NULL DEFAULT '[]',
    index_prev        jsonb NOT NULL DEFAULT '[]',
    outcome           text NOT NULL CHECK (outcome IN ('change', 'unchanged', 'blocked', 'skipped')),
    rule              text NOT NULL,
    reason            text NOT NULL,
    bounded           text NOT NULL DEFAULT '',
    termination_right boolean NOT NULL DEFAULT false,
    UNIQUE (run_id, contract_line_id)
);

CREATE TABLE contract_fee_changes (
    id               bigserial PRIMARY KEY,
    contract_line_id bigint NOT NULL REFERENCES contract_lines (id) ON DELETE CASCADE,
    effective        date NOT NULL,
    old_fee          numeric(14,2) NOT NULL,
    new_fee          numeric(14,2) NOT NULL,
    run_id           bigint REFERENCES indexation_runs (id),
    created_at       timestamptz NOT NULL,
    UNIQUE (contract_line_id, effective)
);
