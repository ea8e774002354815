DO $$
DECLARE
    k record;
BEGIN
    FOR k IN
        SELECT cl.relname AS tbl, con.conname AS name
        FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
        WHERE con.contype = 'c' AND con.conname LIKE '%\_len' ESCAPE '\' AND pg_get_constraintdef(con.oid) ~ '^CHECK \(\(length\(\w+\) <= (500|100000)\)\)$'
    LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', k.tbl, k.name);
    END LOOP;
END $$;
