DROP TABLE placement_statements;
DROP TABLE placement_expenses;
DROP TABLE hour_entries;
DROP TABLE placement_replacements;
DROP TABLE placements;
DROP FUNCTION placement_statements_immutable();
DROP FUNCTION secondment_month_open();
DROP FUNCTION secondment_row_month(text, jsonb);
