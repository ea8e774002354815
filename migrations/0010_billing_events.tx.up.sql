-- The seam between domains: the one ledger of billable charges (internal/billing) and
-- durable domain events with per-subscriber delivery (internal/events). Both are written
-- by the publishing domain in its own transaction.

CREATE TABLE charges (
    id             bigserial PRIMARY KEY,
    customer_id    bigint NOT NULL REFERENCES customers (id),
    -- where it comes from: domain/kind/id, e.g. orders/order_line/812
    source_domain  text NOT NULL CHECK (source_domain ~ '^[a-z]+$'),
    source_kind    text NOT NULL CHECK (source_kind ~ '^[a-z_]+$'),
    source_id      bigint NOT NULL,
    -- the agreement it belongs to (retention of title, grouping per agreement)
    agreement_kind text NOT NULL CHECK (agreement_kind ~ '^[a-z_]+$'),
    agreement_id   bigint NOT NULL,
    -- one charge per key: a periodic fee is keyed by its period, so no period is charged twice
    key            text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 200),
    description    text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
    line_kind      text NOT NULL CHECK (line_kind IN ('goods', 'services')),
    quantity       numeric(14,4) NOT NULL CHECK (quantity <> 0),
    unit           text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    unit_price     numeric(14,2) NOT NULL,
    vat_rate       text NOT NULL CHECK (vat_rate IN ('21', '9', '0', 'exempt')),
    period_start   date,
    period_end     date,
    billable_on    date NOT NULL,
    -- what the agreement says about payment: its terms profile (002, 003, 004 …, for
    -- dunning and retention of title) and an agreed payment term (NULL: the default, INV-2)
    terms_profile  text NOT NULL DEFAULT '' CHECK (terms_profile ~ '^[0-9a-z_-]{0,20}$'),
    payment_term_days integer CHECK (payment_term_days BETWEEN 0 AND 365),
    status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'invoiced', 'cancelled')),
    -- the invoice it is on (a draft reserves it while status is still open); no FK: the
    -- invoices module owns that table and adds the constraint in its own migration
    invoice_id     bigint,
    corrects_id    bigint REFERENCES charges (id),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT charges_period CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_end IS NULL OR period_end >= period_start)),
    CONSTRAINT charges_invoiced_has_invoice CHECK (status <> 'invoiced' OR invoice_id IS NOT NULL)
);
CREATE INDEX charges_customer_idx ON charges (customer_id, id);
CREATE INDEX charges_open_idx ON charges (customer_id, billable_on, id) WHERE status = 'open' AND invoice_id IS NULL;
CREATE INDEX charges_invoice_idx ON charges (invoice_id, id) WHERE invoice_id IS NOT NULL;
CREATE INDEX charges_source_idx ON charges (source_domain, source_kind, source_id);
CREATE INDEX charges_agreement_idx ON charges (agreement_kind, agreement_id);

-- A charge that was invoiced never changes (a correction is a new charge or a credit note).
CREATE FUNCTION charges_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'invoiced' THEN
            RAISE EXCEPTION 'charge % is invoiced and cannot be deleted', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'charges_invoiced_immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'invoiced' THEN
        RAISE EXCEPTION 'charge % is invoiced and cannot change', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'charges_invoiced_immutable';
    END IF;
    IF OLD.status = 'cancelled' AND NEW.status <> 'cancelled' THEN
        RAISE EXCEPTION 'charge % is cancelled', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'charges_cancelled_final';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER charges_immutable BEFORE UPDATE OR DELETE ON charges FOR EACH ROW EXECUTE FUNCTION charges_immutable();

-- Events: facts a domain publishes for others, in the transaction of the change.
CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]+\.[a-z_]+$'),
    entity      text NOT NULL CHECK (entity ~ '^[a-z_]+$'),
    entity_id   bigint NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);
CREATE INDEX events_entity_idx ON events (entity, entity_id, id);

-- Which subscriber handles which kinds; kept current by every server at start, so that
-- Publish can fan an event out to its subscribers in the publishing transaction.
CREATE TABLE event_subscriptions (
    subscriber  text NOT NULL CHECK (subscriber ~ '^[a-z0-9_.-]+$'),
    kind        text NOT NULL,
    PRIMARY KEY (subscriber, kind)
);
CREATE INDEX event_subscriptions_kind_idx ON event_subscriptions (kind);

-- One row per event and subscriber: delivered at least once, in order per entity.
CREATE TABLE event_deliveries (
    subscriber    text NOT NULL,
    event_id      bigint NOT NULL REFERENCES events (id),
    entity        text NOT NULL,
    entity_id     bigint NOT NULL,
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at       timestamptz NOT NULL,
    last_error    text NOT NULL DEFAULT '',
    delivered_at  timestamptz,
    PRIMARY KEY (subscriber, event_id)
);
CREATE INDEX event_deliveries_due_idx ON event_deliveries (next_at, event_id) WHERE status = 'pending';
CREATE INDEX event_deliveries_order_idx ON event_deliveries (subscriber, entity, entity_id, event_id) WHERE status <> 'delivered';
CREATE INDEX event_deliveries_dead_idx ON event_deliveries (event_id) WHERE status = 'dead';
