-- Contract billing (INV-7): the end of the last period charged per recurring line, so the
-- billing job continues where it stopped instead of re-reading every period.
ALTER TABLE contract_lines ADD COLUMN billed_until date;
CREATE INDEX contract_lines_billing_idx ON contract_lines (billed_until NULLS FIRST, id);
