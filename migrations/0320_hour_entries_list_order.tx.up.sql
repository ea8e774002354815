-- Issue 14: the hour lists order by (started_at, id); without an index in that order
-- GET /api/v1/hours sorted a million rows per page and every placement page re-sorted
-- its entries. One index per list shape, each ending in the list's full sort key so a
-- page is an index range scan that stops after limit + 1 rows.
CREATE INDEX hour_entries_list_idx ON hour_entries (started_at, id);
CREATE INDEX hour_entries_placement_list_idx ON hour_entries (placement_id, started_at, id);
CREATE INDEX hour_entries_status_list_idx ON hour_entries (status, started_at, id);
-- a technician's own entries (phone page, GET /hours as technician), oldest first
CREATE INDEX hour_entries_technician_list_idx ON hour_entries (technician_id, started_at, id);
DROP INDEX hour_entries_technician_idx;
