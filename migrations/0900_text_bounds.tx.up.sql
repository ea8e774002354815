-- Every text column has a length bound in the schema too (issue 9 #11), as the API's
-- binding has (200 characters for a single line, 10,000 for multi-line text): names, titles
-- and codes at most 500 characters, any other text at most 100,000 (e-mail bodies, errors,
-- snapshots). Columns that already carry their own bound keep it; this adds a ceiling to
-- those that had none. River's and the migrator's tables are left alone.
DO $$
DECLARE
    c record;
    lim integer;
BEGIN
    FOR c IN
        SELECT cl.relname AS tbl, a.attname AS col
        FROM pg_attribute a
        JOIN pg_class cl ON cl.oid = a.attrelid AND cl.relkind = 'r'
        JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.atttypid IN ('text'::regtype, 'varchar'::regtype)
          AND cl.relname NOT LIKE 'river%' AND cl.relname NOT LIKE 'bun_%'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = cl.oid AND k.contype = 'c'
                          AND pg_get_constraintdef(k.oid) ~ ('length\((btrim\()?\(?"?' || a.attname || '\M'))
        ORDER BY 1, 2
    LOOP
        lim := CASE WHEN c.col ~ '(^|_)(name|title|subject|email|number|sku|unit|code|city|street|postal_code|country|kind|status|role|reference|serial|iban|bic|kvk|vat_id|ip|user_agent)$' THEN 500 ELSE 100000 END;
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (length(%I) <= %s)', c.tbl, left(c.tbl || '_' || c.col || '_len', 63), c.col, lim);
    END LOOP;
END $$;
