-- Issue 14: every hardware list is a range of an index in its own order (newest first
-- for deliveries, defect reports and RMAs; oldest first for items), whatever its filter,
-- so a page reads limit + 1 index entries and never sorts or scans the table.
DROP INDEX hw_deliveries_order_idx;
CREATE INDEX hw_deliveries_order_idx ON hw_deliveries (order_id, id DESC);
CREATE INDEX hw_deliveries_status_idx ON hw_deliveries (status, id DESC);
-- a delivery's items (the delivery page) and the item list filtered by title
CREATE INDEX hw_items_delivery_idx ON hw_items (delivery_id, id);
CREATE INDEX hw_items_title_idx ON hw_items (title, id);
CREATE INDEX hw_items_repossession_idx ON hw_items (id) WHERE repossession_possible AND title = 'retained';
DROP INDEX hw_defect_reports_item_idx;
CREATE INDEX hw_defect_reports_item_idx ON hw_defect_reports (item_id, id DESC);
DROP INDEX hw_rmas_item_idx;
CREATE INDEX hw_rmas_item_idx ON hw_rmas (item_id, id DESC);
