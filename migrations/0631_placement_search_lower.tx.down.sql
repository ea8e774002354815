DROP INDEX placements_search_idx;
CREATE INDEX placements_search_idx ON placements USING gin (role gin_trgm_ops);
