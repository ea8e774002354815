-- Issue 13: every role's home shows counts; each count is one LIMITed scan of a partial
-- index, so the home costs the same at 10 or 100,000 rows of each kind.
CREATE INDEX outbox_failed_idx ON outbox (id) WHERE status = 'failed';
-- Orders whose lead time has not started (Q-6: a precondition still missing).
CREATE INDEX orders_lead_time_waiting_idx ON orders (id DESC)
    WHERE status = 'open' AND (details_agreed_on IS NULL OR data_supplied_on IS NULL
        OR (advance_payment_required AND advance_payment_received_on IS NULL));
-- Contracts without a termination notice: those whose notice deadline still matters.
CREATE INDEX contracts_running_idx ON contracts (id DESC) WHERE end_date IS NULL;
-- The pipeline chart: quotes sent, accepted and expired per month.
CREATE INDEX quotes_sent_at_idx ON quotes (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX quotes_accepted_at_idx ON quotes (accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX quotes_lapsed_idx ON quotes (valid_until) WHERE status IN ('sent', 'expired');

-- Q-8 in SQL, exactly as orders/contract_rules.go (ContractTerms.TermEnd, NoticeDeadline,
-- Contract.TermsOn), so that lists can filter on the notice deadline the contract page
-- shows. orders' TestNoticeDeadlineSQLMatchesTheRule keeps the two equal.
CREATE FUNCTION contract_term_end(start date, initial int, renewal int, k int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE WHEN extract(day FROM start + make_interval(months => initial + k * renewal)) < extract(day FROM start)
        THEN (date_trunc('month', start + make_interval(months => initial + k * renewal)) + interval '1 month')::date
        ELSE (start + make_interval(months => initial + k * renewal))::date END) - 1
$$;

CREATE FUNCTION contract_notice_deadline(term_end date, notice_months int, notice_days int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN notice_days > 0 THEN term_end - notice_days
        ELSE ((term_end + 1) + make_interval(months => -notice_months))::date - 1 END
$$;

-- The notice deadline shown on today: the running term's, or the next term's once it passed.
CREATE FUNCTION contract_next_notice_deadline(start date, initial int, renewal int, notice_months int, notice_days int, today date)
RETURNS date LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    k int := 0;
    e date := contract_term_end(start, initial, renewal, 0);
    d date;
    months int;
BEGIN
    IF today > e AND renewal > 0 THEN
        months := (extract(year FROM today)::int - extract(year FROM start)::int) * 12
            + extract(month FROM today)::int - extract(month FROM start)::int - initial;
        k := greatest(0, months / renewal - 1);
        e := contract_term_end(start, initial, renewal, k);
        WHILE e < today LOOP
            k := k + 1;
            e := contract_term_end(start, initial, renewal, k);
        END LOOP;
    END IF;
    d := contract_notice_deadline(e, notice_months, notice_days);
    IF today > d THEN
        d := contract_notice_deadline(contract_term_end(start, initial, renewal, k + 1), notice_months, notice_days);
    END IF;
    RETURN d;
END $$;
