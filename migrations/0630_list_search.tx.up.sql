-- List tools (issue 13): substring search on the staff lists through pg_trgm GIN indexes,
-- and one btree (key, id) index per offered sort so every sort pages by keyset.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX customers_search_idx ON customers USING gin ((name || ' ' || coalesce(kvk_number, '') || ' ' || city) gin_trgm_ops);
CREATE INDEX customers_name_trgm_idx ON customers USING gin (name gin_trgm_ops);
CREATE INDEX customers_city_idx ON customers (city, id);
CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);

CREATE INDEX quotes_search_idx ON quotes USING gin ((number || ' ' || title) gin_trgm_ops);
CREATE INDEX quotes_number_sort_idx ON quotes (number, id);
CREATE INDEX quotes_title_sort_idx ON quotes (title, id);
CREATE INDEX quotes_net_sort_idx ON quotes (net, id);

CREATE INDEX orders_search_idx ON orders USING gin ((number || ' ' || title) gin_trgm_ops);
CREATE INDEX orders_number_sort_idx ON orders (number, id);
CREATE INDEX orders_start_sort_idx ON orders (start_date, id);
CREATE INDEX orders_net_sort_idx ON orders (net, id);

CREATE INDEX contracts_search_idx ON contracts USING gin (number gin_trgm_ops);
CREATE INDEX contracts_number_sort_idx ON contracts (number, id);
CREATE INDEX contracts_start_sort_idx ON contracts (start_date, id);

CREATE INDEX tickets_search_idx ON tickets USING gin ((number || ' ' || subject) gin_trgm_ops);

CREATE INDEX placements_search_idx ON placements USING gin (role gin_trgm_ops);
CREATE INDEX placements_role_sort_idx ON placements (role, id);
