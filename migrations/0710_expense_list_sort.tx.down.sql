CREATE INDEX placement_expenses_idx ON placement_expenses (placement_id, date);
DROP INDEX placement_expenses_sort_idx;
