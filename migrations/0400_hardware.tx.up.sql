-- Hardware (issue 12): products, the hardware lines of accepted orders, deliveries with
-- serialised items, retention of title from invoice events, defect reports and RMAs.

CREATE TABLE hw_products (
    id              bigserial PRIMARY KEY,
    sku             text NOT NULL UNIQUE CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
    name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    manufacturer    text NOT NULL CHECK (length(btrim(manufacturer)) BETWEEN 1 AND 200),
    warranty_months int NOT NULL CHECK (warranty_months BETWEEN 0 AND 120),
    serialised      boolean NOT NULL,
    condition       text NOT NULL CHECK (condition IN ('new', 'refurbished', 'second_hand')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- What hardware learned from quote.accepted: the hardware lines of an order.
CREATE TABLE hw_order_lines (
    order_line_id    bigint PRIMARY KEY,
    order_id         bigint NOT NULL,
    customer_id      bigint NOT NULL REFERENCES customers (id),
    terms_profile    text NOT NULL,
    sku              text,
    description      text NOT NULL,
    quantity         numeric(12, 2) NOT NULL CHECK (quantity > 0),
    unit             text NOT NULL,
    unit_price       numeric(14, 2) NOT NULL,
    discount_percent numeric(5, 2) NOT NULL DEFAULT 0,
    vat_rate         text NOT NULL,
    accepted_at      timestamptz NOT NULL
);
CREATE INDEX hw_order_lines_order_idx ON hw_order_lines (order_id);

CREATE TABLE hw_deliveries (
    id                 bigserial PRIMARY KEY,
    order_id           bigint NOT NULL,
    customer_id        bigint NOT NULL REFERENCES customers (id),
    terms_profile      text NOT NULL,
    status             text NOT NULL CHECK (status IN ('planned', 'delivered', 'stored', 'terminated')),
    planned_on         date NOT NULL,
    street             text NOT NULL,
    postal_code        text NOT NULL,
    city               text NOT NULL,
    country            text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    dispatched_at      timestamptz,
    delivered_at       timestamptz,
    risk_since         timestamptz,
    received_by        text,
    stored_at          timestamptz,
    stored_reason      text CHECK (stored_reason IN ('refused', 'address_unreachable', 'information_missing')),
    storage_weeks      int NOT NULL DEFAULT 0,
    terminated_at      timestamptz,
    termination_reason text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT hw_deliveries_delivered CHECK ((status = 'delivered') = (delivered_at IS NOT NULL AND received_by IS NOT NULL)),
    CONSTRAINT hw_deliveries_terminated CHECK ((status = 'terminated') = (terminated_at IS NOT NULL))
);
CREATE INDEX hw_deliveries_order_idx ON hw_deliveries (order_id);
CREATE INDEX hw_deliveries_customer_idx ON hw_deliveries (customer_id, id DESC);

CREATE TABLE hw_delivery_lines (
    id            bigserial PRIMARY KEY,
    delivery_id   bigint NOT NULL REFERENCES hw_deliveries (id),
    order_line_id bigint NOT NULL REFERENCES hw_order_lines (order_line_id),
    product_id    bigint NOT NULL REFERENCES hw_products (id),
    quantity      numeric(12, 2) NOT NULL CHECK (quantity > 0),
    serials       text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX hw_delivery_lines_delivery_idx ON hw_delivery_lines (delivery_id);
CREATE INDEX hw_delivery_lines_order_line_idx ON hw_delivery_lines (order_line_id);

CREATE TABLE hw_items (
    id                    bigserial PRIMARY KEY,
    delivery_id           bigint NOT NULL REFERENCES hw_deliveries (id),
    delivery_line_id      bigint NOT NULL REFERENCES hw_delivery_lines (id),
    product_id            bigint NOT NULL REFERENCES hw_products (id),
    customer_id           bigint NOT NULL REFERENCES customers (id),
    order_id              bigint NOT NULL,
    serial                text,
    quantity              numeric(12, 2) NOT NULL DEFAULT 1 CHECK (quantity > 0),
    delivered_at          timestamptz NOT NULL,
    risk_since            timestamptz NOT NULL,
    title                 text NOT NULL DEFAULT 'retained' CHECK (title IN ('retained', 'transferred')),
    title_transferred_at  date,
    warranty_until        date,
    warranty_covered      boolean NOT NULL,
    warranty_reason       text NOT NULL,
    repossession_possible boolean NOT NULL DEFAULT false,
    replaces_item_id      bigint REFERENCES hw_items (id),
    replaced_by_item_id   bigint REFERENCES hw_items (id),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    CONSTRAINT hw_items_serial_key UNIQUE (product_id, serial),
    CONSTRAINT hw_items_title CHECK ((title = 'transferred') = (title_transferred_at IS NOT NULL))
);
CREATE INDEX hw_items_customer_idx ON hw_items (customer_id, id);
CREATE INDEX hw_items_order_idx ON hw_items (order_id);

-- Invoices as hardware learns them from invoice.issued / invoice.paid / credit_note.issued:
-- which charges of which agreement they carry and whether they are settled (HW-4, INV-8).
CREATE TABLE hw_invoices (
    invoice_id    bigint PRIMARY KEY,
    customer_id   bigint NOT NULL,
    number        text NOT NULL,
    gross         numeric(14, 2) NOT NULL,
    credited      numeric(14, 2) NOT NULL DEFAULT 0,
    paid_on       date,
    settled_on    date,
    default_notice boolean NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL
);
CREATE TABLE hw_invoice_charges (
    invoice_id     bigint NOT NULL REFERENCES hw_invoices (invoice_id),
    charge_id      bigint NOT NULL,
    source_domain  text NOT NULL,
    source_kind    text NOT NULL,
    source_id      bigint NOT NULL,
    agreement_kind text NOT NULL,
    agreement_id   bigint NOT NULL,
    PRIMARY KEY (invoice_id, charge_id)
);
CREATE INDEX hw_invoice_charges_agreement_idx ON hw_invoice_charges (agreement_kind, agreement_id);
CREATE TABLE hw_credit_notes (
    credit_note_id bigint PRIMARY KEY,
    invoice_id     bigint NOT NULL,
    gross          numeric(14, 2) NOT NULL,
    issued_on      date NOT NULL
);

CREATE TABLE hw_defect_reports (
    id                 bigserial PRIMARY KEY,
    item_id            bigint NOT NULL REFERENCES hw_items (id),
    customer_id        bigint NOT NULL REFERENCES customers (id),
    reporter_id        bigint REFERENCES users (id),
    kind               text NOT NULL CHECK (kind IN ('visible', 'hidden')),
    description        text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 10000),
    discovered_at      timestamptz,
    reported_at        timestamptz NOT NULL,
    deadline           timestamptz NOT NULL,
    in_time            boolean NOT NULL,
    claims_lost_reason text,
    ticket_id          bigint,
    ticket_number      text,
    created_at         timestamptz NOT NULL,
    CONSTRAINT hw_defect_reports_late CHECK (in_time = (claims_lost_reason IS NULL)),
    CONSTRAINT hw_defect_reports_hidden CHECK ((kind = 'hidden') = (discovered_at IS NOT NULL))
);
CREATE INDEX hw_defect_reports_item_idx ON hw_defect_reports (item_id);
CREATE INDEX hw_defect_reports_customer_idx ON hw_defect_reports (customer_id, id DESC);

CREATE TABLE hw_rmas (
    id                  bigserial PRIMARY KEY,
    item_id             bigint NOT NULL REFERENCES hw_items (id),
    customer_id         bigint NOT NULL REFERENCES customers (id),
    requested_by        bigint REFERENCES users (id),
    reason              text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 5000),
    status              text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'resolved')),
    instructions        text,
    rejection_reason    text,
    condition_ok        boolean,
    receive_notes       text,
    remedy              text CHECK (remedy IN ('repair', 'replace', 'none')),
    remedy_reason       text,
    exclusion           text CHECK (exclusion IN ('improper_use', 'neglected_maintenance', 'normal_wear', 'own_assembly_or_repair', 'external_cause', 'no_warranty', 'claims_lost')),
    replacement_item_id bigint REFERENCES hw_items (id),
    created_at          timestamptz NOT NULL,
    approved_at         timestamptz,
    rejected_at         timestamptz,
    received_at         timestamptz,
    resolved_at         timestamptz,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT hw_rmas_none_exclusion CHECK ((remedy = 'none') = (exclusion IS NOT NULL))
);
CREATE INDEX hw_rmas_item_idx ON hw_rmas (item_id);
CREATE INDEX hw_rmas_customer_idx ON hw_rmas (customer_id, id DESC);
