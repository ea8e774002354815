-- Searched numbers are unique; with the default 100 histogram bounds one bound that
-- happens to contain the search text makes the planner expect 1 % of the table to match
-- and walk the id index with a filter instead of the trigram bitmap. 1,000 bounds make
-- that estimate ten times smaller, so the bitmap wins for a rare term.
ALTER TABLE quotes ALTER COLUMN number SET STATISTICS 1000;
ALTER TABLE orders ALTER COLUMN number SET STATISTICS 1000;
ALTER TABLE contracts ALTER COLUMN number SET STATISTICS 1000;
