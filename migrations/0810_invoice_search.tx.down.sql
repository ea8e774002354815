DROP INDEX credit_notes_number_trgm_idx;
DROP INDEX invoices_number_trgm_idx;
