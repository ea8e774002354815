-- Issue 14: the invoice run (GET /statements) adds up an open month of each placement on
-- its page. With status, minutes and amount in the placement-month index that sum is an
-- index-only range scan of the month's entries, never a read of the heap or the table.
DROP INDEX hour_entries_placement_month_idx;
CREATE INDEX hour_entries_placement_month_idx ON hour_entries (placement_id, month, started_at) INCLUDE (status, minutes, amount);
