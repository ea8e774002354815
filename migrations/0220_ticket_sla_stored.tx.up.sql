-- Issue 14: lists read the SLA from the ticket row instead of recomputing it from the
-- event log per row. With the due times (already stored) these three columns make the
-- stored SLA exact for every ticket whose clock is not paused: breach flags and state
-- are then derived from the clock when read. Rows stored before this migration have
-- paused_seconds NULL and are recomputed from their events when read, until their next
-- event stores them (or tickets.RecomputeStored does).
ALTER TABLE tickets
    ADD COLUMN paused_seconds     bigint CHECK (paused_seconds >= 0),
    -- 75 % of the target used; NULL once that clock has stopped
    ADD COLUMN response_warn_at   timestamptz,
    ADD COLUMN resolution_warn_at timestamptz;
