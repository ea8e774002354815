DROP INDEX placements_list_idx;
