-- List tools (issue 13): the invoice and credit note lists search a number by substring
-- (pg_trgm GIN; the customer's name is matched through customers_name_trgm_idx and the
-- customer_id indexes). A draft has no number: the index holds the COALESCE the search reads.
CREATE INDEX invoices_number_trgm_idx ON invoices USING gin ((COALESCE(number, '')) gin_trgm_ops);
CREATE INDEX credit_notes_number_trgm_idx ON credit_notes USING gin (number gin_trgm_ops);
