-- Security (issue 9): failed-login counters shared by every instance (ASVS V2.2),
-- length bounds on the main text columns, and the customer data destruction record (DATA-2).
CREATE TABLE login_throttle (
    key           text PRIMARY KEY CHECK (length(key) <= 600),
    failures      integer NOT NULL CHECK (failures >= 0),
    window_start  timestamptz NOT NULL,
    blocked_until timestamptz,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);

-- Length bounds on the foundation's text columns (issue 9 #11), a little above the
-- validators' bounds so validation answers first. Added NOT VALID and then validated: a
-- database holding an older over-long value keeps working (new rows are bounded at once)
-- and the migration warns instead of failing.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES
        ('customers', 'name', 'length(name) <= 200'),
        ('customers', 'kvk_number', 'length(kvk_number) <= 20'),
        ('customers', 'vat_id', 'length(vat_id) <= 32'),
        ('customers', 'street', 'length(street) <= 200'),
        ('customers', 'postal_code', 'length(postal_code) <= 20'),
        ('customers', 'city', 'length(city) <= 200'),
        ('customers', 'billing_email', 'length(billing_email) <= 254'),
        ('users', 'email', 'length(email) <= 254'),
        ('users', 'name', 'length(name) <= 200'),
        ('users', 'blocked_reason', 'length(blocked_reason) <= 2000'),
        ('user_blocks', 'reason', 'length(reason) <= 2000'),
        ('sessions', 'user_agent', 'length(user_agent) <= 1000'),
        ('outbox', 'subject', 'length(subject) <= 1000'),
        ('outbox', 'body', 'length(body) <= 200000'),
        ('calendars', 'name', 'length(definition->>''name'') <= 200 AND octet_length(definition::text) <= 200000')
    ) AS t(tbl, col, expr)
    LOOP
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%s) NOT VALID', c.tbl, c.tbl || '_' || c.col || '_length', c.expr);
        BEGIN
            EXECUTE format('ALTER TABLE %I VALIDATE CONSTRAINT %I', c.tbl, c.tbl || '_' || c.col || '_length');
        EXCEPTION WHEN check_violation THEN
            RAISE WARNING 'existing rows of %.% exceed the new bound; new values are bounded', c.tbl, c.col;
        END;
    END LOOP;
END $$;
