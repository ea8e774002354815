-- Secondment (SEC-1 … SEC-4): placements, replacements, hour entries priced by overtime
-- band, expenses and the final monthly statements that invoicing bills.

CREATE TABLE placements (
    id                 bigserial PRIMARY KEY,
    customer_id        bigint NOT NULL REFERENCES customers (id),
    technician_id      bigint NOT NULL REFERENCES users (id),
    role               text NOT NULL CHECK (length(btrim(role)) BETWEEN 1 AND 200),
    hourly_rate        numeric(12,2) NOT NULL CHECK (hourly_rate >= 0),
    km_rate            numeric(8,2) NOT NULL DEFAULT 0 CHECK (km_rate >= 0),
    start_date         date NOT NULL,
    end_date           date,
    calendar_id        text NOT NULL DEFAULT 'nl-werktijden',
    -- SEC-3: the band table is data on the placement, so other contract bands need no code.
    bands              jsonb NOT NULL CHECK (jsonb_typeof(bands) = 'array'),
    -- SEC-2: notice period of an indefinite placement, in calendar months.
    notice_months      int NOT NULL DEFAULT 2 CHECK (notice_months BETWEEN 1 AND 24),
    notice_received_at timestamptz,
    notice_deemed_on   date,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT placements_period CHECK (end_date IS NULL OR end_date >= start_date),
    CONSTRAINT placements_notice CHECK ((notice_received_at IS NULL) = (notice_deemed_on IS NULL))
);
CREATE INDEX placements_customer_idx ON placements (customer_id, id);
CREATE INDEX placements_technician_idx ON placements (technician_id, id);

-- SEC-1: who replaced whom, why, asked by which party, and the recorded consultation.
CREATE TABLE placement_replacements (
    id                 bigserial PRIMARY KEY,
    placement_id       bigint NOT NULL REFERENCES placements (id),
    from_technician_id bigint NOT NULL REFERENCES users (id),
    to_technician_id   bigint NOT NULL REFERENCES users (id),
    reason             text NOT NULL CHECK (reason IN ('quality', 'long_term_absence', 'other')),
    requested_by       text NOT NULL CHECK (requested_by IN ('customer', 'provider')),
    consulted_on       date,
    consultation_note  text NOT NULL DEFAULT '',
    actor_id           bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL,
    CONSTRAINT replacements_other_tech CHECK (from_technician_id <> to_technician_id),
    CONSTRAINT replacements_customer_reason CHECK (requested_by = 'provider' OR reason IN ('quality', 'long_term_absence')),
    CONSTRAINT replacements_provider_consulted CHECK (requested_by = 'customer' OR (consulted_on IS NOT NULL AND length(btrim(consultation_note)) > 0))
);
CREATE INDEX placement_replacements_idx ON placement_replacements (placement_id, id);

CREATE TABLE hour_entries (
    id            bigserial PRIMARY KEY,
    placement_id  bigint NOT NULL REFERENCES placements (id),
    technician_id bigint NOT NULL REFERENCES users (id),
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz NOT NULL,
    -- first day of the Amsterdam month the entry starts in (SEC-4 statement month)
    month         date NOT NULL CHECK (extract(day FROM month) = 1),
    description   text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 1000),
    status        text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    hourly_rate   numeric(12,2) NOT NULL,
    minutes       int NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    amount        numeric(14,2) NOT NULL,
    segments      jsonb NOT NULL CHECK (jsonb_typeof(segments) = 'array'),
    decided_by    bigint REFERENCES users (id),
    decided_at    timestamptz,
    reject_reason text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT hour_entries_span CHECK (ended_at > started_at AND ended_at <= started_at + interval '24 hours'),
    CONSTRAINT hour_entries_decision CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
    CONSTRAINT hour_entries_reject_reason CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
    -- SEC-3: a technician's live entries never overlap, across all placements, also
    -- under concurrent requests (the database decides, not a read-then-write check).
    CONSTRAINT hour_entries_no_overlap EXCLUDE USING gist (
        int8range(technician_id, technician_id, '[]') WITH =,
        tstzrange(started_at, ended_at) WITH &&
    ) WHERE (status IN ('submitted', 'approved'))
);
CREATE INDEX hour_entries_placement_month_idx ON hour_entries (placement_id, month, started_at);
CREATE INDEX hour_entries_technician_idx ON hour_entries (technician_id, started_at DESC);
CREATE INDEX hour_entries_submitted_idx ON hour_entries (placement_id, started_at) WHERE status = 'submitted';

-- SEC-4: travel, lodging and other costs beside the fee.
CREATE TABLE placement_expenses (
    id           bigserial PRIMARY KEY,
    placement_id bigint NOT NULL REFERENCES placements (id),
    date         date NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('travel', 'lodging', 'other')),
    km           numeric(8,1) CHECK (km > 0),
    amount       numeric(12,2) NOT NULL CHECK (amount > 0),
    description  text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
    created_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    CONSTRAINT expenses_km_travel CHECK (km IS NULL OR kind = 'travel')
);
CREATE INDEX placement_expenses_idx ON placement_expenses (placement_id, date);

-- SEC-4: a closed month. Final statements are immutable: the snapshot is what is billed.
CREATE TABLE placement_statements (
    id              bigserial PRIMARY KEY,
    placement_id    bigint NOT NULL REFERENCES placements (id),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    minutes         int NOT NULL,
    hours_amount    numeric(14,2) NOT NULL,
    expenses_amount numeric(14,2) NOT NULL,
    total           numeric(14,2) NOT NULL,
    snapshot        jsonb NOT NULL,
    closed_by       bigint REFERENCES users (id),
    closed_at       timestamptz NOT NULL,
    CONSTRAINT placement_statements_once UNIQUE (placement_id, month)
);
CREATE INDEX placement_statements_month_idx ON placement_statements (month, placement_id);

CREATE FUNCTION placement_statements_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a final statement is immutable' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'placement_statements_immutable';
END
$$;
CREATE TRIGGER placement_statements_immutable BEFORE UPDATE OR DELETE ON placement_statements
    FOR EACH ROW EXECUTE FUNCTION placement_statements_immutable();

-- Entries and expenses of a closed month cannot be added, changed or removed.
CREATE FUNCTION secondment_row_month(tbl text, r jsonb) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN tbl = 'hour_entries' THEN (r->>'month')::date
                ELSE date_trunc('month', (r->>'date')::date)::date END
$$;

CREATE FUNCTION secondment_month_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM placement_statements s
        WHERE s.placement_id = OLD.placement_id
          AND s.month = secondment_row_month(TG_TABLE_NAME, to_jsonb(OLD))) THEN
        RAISE EXCEPTION 'the statement of that month is final' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'secondment_month_final';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
        SELECT 1 FROM placement_statements s
        WHERE s.placement_id = NEW.placement_id
          AND s.month = secondment_row_month(TG_TABLE_NAME, to_jsonb(NEW))) THEN
        RAISE EXCEPTION 'the statement of that month is final' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'secondment_month_final';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER hour_entries_month_open BEFORE INSERT OR UPDATE OR DELETE ON hour_entries
    FOR EACH ROW EXECUTE FUNCTION secondment_month_open();
CREATE TRIGGER placement_expenses_month_open BEFORE INSERT OR UPDATE OR DELETE ON placement_expenses
    FOR EACH ROW EXECUTE FUNCTION secondment_month_open();
