-- Issue 13: hardware shows an order by its number and an item by its serial and product,
-- never by id. Hardware cannot read the orders domain, so it keeps the number the
-- quote.accepted fact carries on its order lines and deliveries, and a defect report or
-- RMA keeps its item's serial and product name when it is made. Existing rows are filled
-- once from what the database holds.
ALTER TABLE hw_order_lines ADD COLUMN order_number text NOT NULL DEFAULT '';
ALTER TABLE hw_deliveries ADD COLUMN order_number text NOT NULL DEFAULT '';
UPDATE hw_order_lines l SET order_number = o.number FROM orders o WHERE o.id = l.order_id;
UPDATE hw_deliveries d SET order_number = o.number FROM orders o WHERE o.id = d.order_id;
ALTER TABLE hw_defect_reports ADD COLUMN item_serial text, ADD COLUMN item_product text NOT NULL DEFAULT '';
ALTER TABLE hw_rmas ADD COLUMN item_serial text, ADD COLUMN item_product text NOT NULL DEFAULT '';
UPDATE hw_defect_reports r SET item_serial = i.serial, item_product = p.name
  FROM hw_items i JOIN hw_products p ON p.id = i.product_id WHERE i.id = r.item_id;
UPDATE hw_rmas r SET item_serial = i.serial, item_product = p.name
  FROM hw_items i JOIN hw_products p ON p.id = i.product_id WHERE i.id = r.item_id;
