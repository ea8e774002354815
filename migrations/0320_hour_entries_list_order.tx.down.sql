CREATE INDEX hour_entries_technician_idx ON hour_entries (technician_id, started_at DESC);
DROP INDEX hour_entries_technician_list_idx;
DROP INDEX hour_entries_status_list_idx;
DROP INDEX hour_entries_placement_list_idx;
DROP INDEX hour_entries_list_idx;
