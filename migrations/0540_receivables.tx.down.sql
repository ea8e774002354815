DROP TABLE IF EXISTS dunning_steps;
DROP TABLE IF EXISTS invoice_disputes;
DROP TABLE IF EXISTS allocations;
DROP TABLE IF EXISTS bank_entries;
DROP TABLE IF EXISTS payments;
DROP TABLE IF EXISTS bank_statements;
DROP TABLE IF EXISTS interest_rates;
