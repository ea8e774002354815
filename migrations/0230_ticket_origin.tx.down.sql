ALTER TABLE tickets DROP COLUMN origin;
