-- The placement search matches lower(role) LIKE lower(text): an expression index, whose
-- statistics let the planner see how few rows a search matches (a plain column's guess
-- of 1% made it walk the start-date index instead).
DROP INDEX placements_search_idx;
CREATE INDEX placements_search_idx ON placements USING gin (lower(role) gin_trgm_ops);
