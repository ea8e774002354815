-- Invoices and credit notes (INV-1, art. 35a Wet OB). A draft has no number; issuing
-- takes the next number of a gapless series (counters) in the issuing transaction and
-- freezes the invoice: the database refuses any later change except the settlement
-- columns receivables writes (paid, credited, settled_on, status issued|paid|credited).

-- Per customer: how its charges are grouped, its payment term and billing address.
CREATE TABLE invoice_settings (
    customer_id       bigint PRIMARY KEY REFERENCES customers (id),
    grouping          text NOT NULL DEFAULT 'one' CHECK (grouping IN ('one', 'per_agreement')),
    payment_term_days integer CHECK (payment_term_days BETWEEN 0 AND 365),
    billing_contact   text NOT NULL DEFAULT '' CHECK (length(billing_contact) <= 200),
    billing_email     text CHECK (billing_email IS NULL OR position('@' in billing_email) > 1),
    updated_at        timestamptz NOT NULL
);

CREATE TABLE invoice_runs (
    id          bigserial PRIMARY KEY,
    until       date NOT NULL,
    dry_run     boolean NOT NULL,
    invoices    integer NOT NULL DEFAULT 0,
    issued      integer NOT NULL DEFAULT 0,
    gross       numeric(14,2) NOT NULL DEFAULT 0,
    started_by  bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    finished_at timestamptz
);

CREATE TABLE invoices (
    id                bigserial PRIMARY KEY,
    customer_id       bigint NOT NULL REFERENCES customers (id),
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'credited')),
    number            text UNIQUE CHECK (number IS NULL OR length(number) BETWEEN 1 AND 30),
    issue_date        date,
    due_date          date,
    payment_term_days integer NOT NULL DEFAULT 14 CHECK (payment_term_days BETWEEN 0 AND 365),
    -- set when the invoice bills one agreement only (grouping per agreement)
    agreement_kind    text,
    agreement_id      bigint,
    run_id            bigint REFERENCES invoice_runs (id),
    note              text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    purchase_order    text NOT NULL DEFAULT '' CHECK (length(purchase_order) <= 100),
    terms_profile     text NOT NULL DEFAULT '',
    language          text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
    -- the customer as on the day of issue (a snapshot, not a join)
    customer_name        text NOT NULL DEFAULT '',
    customer_street      text NOT NULL DEFAULT '',
    customer_postal_code text NOT NULL DEFAULT '',
    customer_city        text NOT NULL DEFAULT '',
    customer_country     char(2) NOT NULL DEFAULT 'NL',
    customer_kvk         text NOT NULL DEFAULT '',
    customer_vat_id      text NOT NULL DEFAULT '',
    billing_contact      text NOT NULL DEFAULT '',
    billing_email        text NOT NULL DEFAULT '',
    -- our company as on the day of issue
    supplier          jsonb NOT NULL DEFAULT '{}',
    net               numeric(14,2) NOT NULL DEFAULT 0,
    vat               numeric(14,2) NOT NULL DEFAULT 0,
    gross             numeric(14,2) NOT NULL DEFAULT 0,
    vat_per_rate      jsonb NOT NULL DEFAULT '[]',
    vat_note          text NOT NULL DEFAULT '',
    delivery_date     date,
    payment_reference text NOT NULL DEFAULT '',
    mailed_at         timestamptz, -- when the issued invoice was queued for e-mail
    -- settlement, written by receivables (and by credit notes)
    paid              numeric(14,2) NOT NULL DEFAULT 0,
    credited          numeric(14,2) NOT NULL DEFAULT 0,
    settled_on        date,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    issued_at         timestamptz,
    CONSTRAINT invoices_number_iff_issued CHECK ((status = 'draft') = (number IS NULL)),
    CONSTRAINT invoices_issued_dates CHECK (status = 'draft' OR (issue_date IS NOT NULL AND due_date IS NOT NULL AND due_date >= issue_date))
);
CREATE INDEX invoices_customer_idx ON invoices (customer_id, id);
CREATE INDEX invoices_status_idx ON invoices (status, due_date, id);
CREATE INDEX invoices_run_idx ON invoices (run_id) WHERE run_id IS NOT NULL;

CREATE TABLE invoice_lines (
    id             bigserial PRIMARY KEY,
    invoice_id     bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    charge_id      bigint UNIQUE REFERENCES charges (id),
    description    text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 500),
    line_kind      text NOT NULL CHECK (line_kind IN ('goods', 'services')),
    quantity       numeric(14,4) NOT NULL CHECK (quantity <> 0),
    unit           text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
    unit_price     numeric(14,2) NOT NULL,
    vat_rate       text NOT NULL CHECK (vat_rate IN ('21', '9', '0', 'exempt')),
    vat_category   text NOT NULL DEFAULT 'S' CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
    net            numeric(14,2) NOT NULL,
    period_start   date,
    period_end     date,
    billable_on    date,
    source_domain  text NOT NULL DEFAULT '',
    source_kind    text NOT NULL DEFAULT '',
    source_id      bigint NOT NULL DEFAULT 0,
    agreement_kind text NOT NULL DEFAULT '',
    agreement_id   bigint NOT NULL DEFAULT 0,
    UNIQUE (invoice_id, position)
);

ALTER TABLE charges ADD CONSTRAINT charges_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id);

CREATE TABLE credit_notes (
    id           bigserial PRIMARY KEY,
    invoice_id   bigint NOT NULL REFERENCES invoices (id),
    customer_id  bigint NOT NULL REFERENCES customers (id),
    number       text NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 30),
    issue_date   date NOT NULL,
    reason       text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    net          numeric(14,2) NOT NULL,
    vat          numeric(14,2) NOT NULL,
    gross        numeric(14,2) NOT NULL CHECK (gross >= 0),
    vat_per_rate jsonb NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL
);
CREATE INDEX credit_notes_invoice_idx ON credit_notes (invoice_id, id);
CREATE INDEX credit_notes_customer_idx ON credit_notes (customer_id, id);

CREATE TABLE credit_note_lines (
    id              bigserial PRIMARY KEY,
    credit_note_id  bigint NOT NULL REFERENCES credit_notes (id),
    invoice_line_id bigint NOT NULL REFERENCES invoice_lines (id),
    position        integer NOT NULL,
    description     text NOT NULL,
    quantity        numeric(14,4) NOT NULL CHECK (quantity <> 0),
    unit            text NOT NULL,
    unit_price      numeric(14,2) NOT NULL,
    vat_rate        text NOT NULL,
    vat_category    text NOT NULL,
    net             numeric(14,2) NOT NULL,
    UNIQUE (credit_note_id, position)
);
CREATE INDEX credit_note_lines_line_idx ON credit_note_lines (invoice_line_id);

-- An issued invoice never changes, except its settlement; a numbered invoice is never deleted.
CREATE FUNCTION invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    settlement text[] := ARRAY['paid', 'credited', 'settled_on', 'status', 'updated_at', 'mailed_at'];
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.number IS NOT NULL THEN
            RAISE EXCEPTION 'invoice % is numbered and cannot be deleted', OLD.number USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'draft' THEN
        IF NEW.status = 'draft' OR (to_jsonb(NEW) - settlement) IS DISTINCT FROM (to_jsonb(OLD) - settlement) THEN
            RAISE EXCEPTION 'invoice % is issued and cannot change', OLD.number USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_immutable';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_immutable();

-- The lines of an issued invoice never change; credit notes never change.
CREATE FUNCTION invoice_lines_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st text;
BEGIN
    SELECT status INTO st FROM invoices WHERE id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.invoice_id ELSE OLD.invoice_id END);
    IF st IS NOT NULL AND st <> 'draft' THEN
        RAISE EXCEPTION 'the lines of an issued invoice cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'invoices_immutable';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION invoice_lines_immutable();

CREATE FUNCTION credit_notes_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit notes cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_notes_immutable';
END $$;
CREATE TRIGGER credit_notes_immutable BEFORE UPDATE OR DELETE ON credit_notes FOR EACH ROW EXECUTE FUNCTION credit_notes_immutable();
CREATE TRIGGER credit_note_lines_immutable BEFORE UPDATE OR DELETE ON credit_note_lines FOR EACH ROW EXECUTE FUNCTION credit_notes_immutable();
