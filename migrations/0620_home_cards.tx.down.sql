DROP FUNCTION contract_next_notice_deadline(date, int, int, int, int, date);
DROP FUNCTION contract_notice_deadline(date, int, int);
DROP FUNCTION contract_term_end(date, int, int, int);
DROP INDEX quotes_lapsed_idx;
DROP INDEX quotes_accepted_at_idx;
DROP INDEX quotes_sent_at_idx;
DROP INDEX contracts_running_idx;
DROP INDEX orders_lead_time_waiting_idx;
DROP INDEX outbox_failed_idx;
