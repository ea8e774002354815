-- Issue 14: each list's filter has an index that ends in the list's order, so a page is
-- a range scan that stops after limit + 1 entries instead of a filtered walk of the
-- whole table or a sort.
-- GET /invoices?status= (newest first); the customer's list uses invoices_customer_idx backwards
CREATE INDEX invoices_status_list_idx ON invoices (status, id);
-- GET /audit?entity= (newest first; with an entity id, audit_log_entity_idx)
CREATE INDEX audit_log_entity_list_idx ON audit_log (entity, id DESC);
-- GET /outbox?status= (newest first)
CREATE INDEX outbox_status_list_idx ON outbox (status, id DESC);
-- GET /charges?status= and ?source=domain/kind (oldest first)
CREATE INDEX charges_status_list_idx ON charges (status, id);
CREATE INDEX charges_source_list_idx ON charges (source_domain, source_kind, id);
-- GET /events/undeliverable: newest event first, then subscriber, the cursor on both
DROP INDEX event_deliveries_dead_idx;
CREATE INDEX event_deliveries_dead_idx ON event_deliveries (event_id DESC, subscriber DESC) WHERE status = 'dead';
