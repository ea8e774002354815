DROP INDEX hw_order_lines_number_idx;
