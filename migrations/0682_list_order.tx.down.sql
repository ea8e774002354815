DROP INDEX event_deliveries_dead_idx;
CREATE INDEX event_deliveries_dead_idx ON event_deliveries (event_id) WHERE status = 'dead';
DROP INDEX charges_source_list_idx;
DROP INDEX charges_status_list_idx;
DROP INDEX outbox_status_list_idx;
DROP INDEX audit_log_entity_list_idx;
DROP INDEX invoices_status_list_idx;
