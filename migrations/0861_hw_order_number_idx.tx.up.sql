-- Issue 13: planning a delivery finds the order by the number staff type (O2026-0012).
CREATE INDEX hw_order_lines_number_idx ON hw_order_lines (order_number);
