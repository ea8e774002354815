DROP INDEX contract_lines_billing_idx;
ALTER TABLE contract_lines DROP COLUMN billed_until;
