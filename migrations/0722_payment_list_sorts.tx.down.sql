DROP INDEX payments_amount_idx;
DROP INDEX payments_received_on_idx;
