ALTER TABLE hw_rmas DROP COLUMN item_product, DROP COLUMN item_serial;
ALTER TABLE hw_defect_reports DROP COLUMN item_product, DROP COLUMN item_serial;
ALTER TABLE hw_deliveries DROP COLUMN order_number;
ALTER TABLE hw_order_lines DROP COLUMN order_number;
