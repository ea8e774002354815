DROP INDEX credit_notes_gross_idx;
DROP INDEX credit_notes_issue_date_idx;
DROP INDEX invoices_gross_idx;
DROP INDEX invoices_due_sort_idx;
DROP INDEX invoices_number_sort_idx;
