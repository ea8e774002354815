-- The expense lists' one sort, by date either way (issue 13: the Date header of a month's
-- expenses): (placement_id, date, id) serves it forwards and backwards, with the id as the
-- tie-break the order names, and replaces (placement_id, date), of which it is a superset.
CREATE INDEX placement_expenses_sort_idx ON placement_expenses (placement_id, date, id);
DROP INDEX placement_expenses_idx;
