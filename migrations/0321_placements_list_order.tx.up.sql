-- Issue 14: the placement list orders by (start_date DESC, id DESC); an index in that
-- order makes a page an index range scan instead of a sort of every placement.
CREATE INDEX placements_list_idx ON placements (start_date DESC, id DESC);
