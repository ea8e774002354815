-- The sorts the invoice and credit note lists offer (internal/listq): each a (key, id)
-- index. A draft has no number or due date: those sorts read the COALESCE the index holds.
CREATE INDEX invoices_number_sort_idx ON invoices ((COALESCE(number, '')), id);
CREATE INDEX invoices_due_sort_idx ON invoices ((COALESCE(due_date, DATE '0001-01-01')), id);
CREATE INDEX invoices_gross_idx ON invoices (gross, id);
CREATE INDEX credit_notes_issue_date_idx ON credit_notes (issue_date, id);
CREATE INDEX credit_notes_gross_idx ON credit_notes (gross, id);
