-- Issue 14: the invoice run (GET /statements) shows each open month's approved hours,
-- their amount and the entries still waiting for approval. Adding those up from the
-- entries read every entry of the page's placements in that month (about 9,000 index
-- entries a page at a million entries: p99 30 ms under load). The totals are kept here
-- instead, per placement and month, by the statement-level triggers below: one grouped
-- upsert per statement (a COPY of a million entries included), applied in key order so
-- concurrent writers lock the totals rows in one order.
--
-- month is the Amsterdam month an entry starts in; the check makes it a fact of the
-- database, so that a month's totals are exactly its entries started within its bounds.
ALTER TABLE hour_entries ADD CONSTRAINT hour_entries_month_of_start
    CHECK (month = date_trunc('month', started_at AT TIME ZONE 'Europe/Amsterdam')::date);

CREATE TABLE hour_month_totals (
    placement_id     bigint NOT NULL REFERENCES placements (id),
    month            date NOT NULL CHECK (extract(day FROM month) = 1),
    approved_minutes bigint NOT NULL DEFAULT 0 CHECK (approved_minutes >= 0),
    approved_amount  numeric(16,2) NOT NULL DEFAULT 0,
    submitted_count  bigint NOT NULL DEFAULT 0 CHECK (submitted_count >= 0),
    PRIMARY KEY (placement_id, month)
);

-- hour_month_totals_apply adds what a statement's new rows bring and takes away what its
-- old rows brought.
CREATE FUNCTION hour_month_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO hour_month_totals AS t (placement_id, month, approved_minutes, approved_amount, submitted_count)
        SELECT placement_id, month,
               coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0),
               coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0),
               count(*) FILTER (WHERE status = 'submitted')
        FROM new_rows WHERE status IN ('approved', 'submitted')
        GROUP BY placement_id, month ORDER BY placement_id, month
        ON CONFLICT (placement_id, month) DO UPDATE SET
            approved_minutes = t.approved_minutes + excluded.approved_minutes,
            approved_amount = t.approved_amount + excluded.approved_amount,
            submitted_count = t.submitted_count + excluded.submitted_count;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE hour_month_totals AS t SET
            approved_minutes = t.approved_minutes - d.minutes,
            approved_amount = t.approved_amount - d.amount,
            submitted_count = t.submitted_count - d.submitted
        FROM (SELECT placement_id, month,
                     coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0) AS minutes,
                     coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0) AS amount,
                     count(*) FILTER (WHERE status = 'submitted') AS submitted
              FROM old_rows WHERE status IN ('approved', 'submitted')
              GROUP BY placement_id, month ORDER BY placement_id, month) AS d
        WHERE t.placement_id = d.placement_id AND t.month = d.month;
    ELSE
        -- an update: the new rows' part less the old rows' part; an update that leaves
        -- status, minutes, amount and month alone (a description) touches no totals row.
        -- A delta may be negative, so it updates the existing row (the checks hold the
        -- result to zero or more) and inserts only where there was none.
        WITH d AS (
            SELECT placement_id, month, sum(minutes) AS minutes, sum(amount) AS amount, sum(submitted) AS submitted
            FROM (SELECT placement_id, month,
                         CASE WHEN status = 'approved' THEN minutes ELSE 0 END AS minutes,
                         CASE WHEN status = 'approved' THEN amount ELSE 0 END AS amount,
                         CASE WHEN status = 'submitted' THEN 1 ELSE 0 END AS submitted
                  FROM new_rows
                  UNION ALL
                  SELECT placement_id, month,
                         CASE WHEN status = 'approved' THEN -minutes ELSE 0 END,
                         CASE WHEN status = 'approved' THEN -amount ELSE 0 END,
                         CASE WHEN status = 'submitted' THEN -1 ELSE 0 END
                  FROM old_rows) AS e
            GROUP BY placement_id, month
            HAVING sum(minutes) <> 0 OR sum(amount) <> 0 OR sum(submitted) <> 0
        ), updated AS (
            UPDATE hour_month_totals AS t SET
                approved_minutes = t.approved_minutes + d.minutes,
                approved_amount = t.approved_amount + d.amount,
                submitted_count = t.submitted_count + d.submitted
            FROM d WHERE t.placement_id = d.placement_id AND t.month = d.month
            RETURNING t.placement_id, t.month
        )
        INSERT INTO hour_month_totals AS t (placement_id, month, approved_minutes, approved_amount, submitted_count)
        SELECT placement_id, month, minutes, amount, submitted FROM d
        WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.placement_id = d.placement_id AND u.month = d.month)
        ORDER BY placement_id, month
        ON CONFLICT (placement_id, month) DO UPDATE SET
            approved_minutes = t.approved_minutes + excluded.approved_minutes,
            approved_amount = t.approved_amount + excluded.approved_amount,
            submitted_count = t.submitted_count + excluded.submitted_count;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION hour_month_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hour_month_totals;
    RETURN NULL;
END
$$;

CREATE TRIGGER hour_month_totals_insert AFTER INSERT ON hour_entries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_month_totals_apply();
CREATE TRIGGER hour_month_totals_update AFTER UPDATE ON hour_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_month_totals_apply();
CREATE TRIGGER hour_month_totals_delete AFTER DELETE ON hour_entries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_month_totals_apply();
CREATE TRIGGER hour_month_totals_truncate AFTER TRUNCATE ON hour_entries
    FOR EACH STATEMENT EXECUTE FUNCTION hour_month_totals_truncate();

INSERT INTO hour_month_totals (placement_id, month, approved_minutes, approved_amount, submitted_count)
SELECT placement_id, month,
       coalesce(sum(minutes) FILTER (WHERE status = 'approved'), 0),
       coalesce(sum(amount) FILTER (WHERE status = 'approved'), 0),
       count(*) FILTER (WHERE status = 'submitted')
FROM hour_entries WHERE status IN ('approved', 'submitted')
GROUP BY placement_id, month;
