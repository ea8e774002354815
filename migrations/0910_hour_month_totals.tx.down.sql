DROP TRIGGER hour_month_totals_truncate ON hour_entries;
DROP TRIGGER hour_month_totals_delete ON hour_entries;
DROP TRIGGER hour_month_totals_update ON hour_entries;
DROP TRIGGER hour_month_totals_insert ON hour_entries;
DROP FUNCTION hour_month_totals_truncate();
DROP FUNCTION hour_month_totals_apply();
DROP TABLE hour_month_totals;
ALTER TABLE hour_entries DROP CONSTRAINT hour_entries_month_of_start;
