DROP INDEX hour_entries_placement_month_idx;
CREATE INDEX hour_entries_placement_month_idx ON hour_entries (placement_id, month, started_at);
