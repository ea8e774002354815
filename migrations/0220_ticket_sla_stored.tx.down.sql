ALTER TABLE tickets DROP COLUMN resolution_warn_at, DROP COLUMN response_warn_at, DROP COLUMN paused_seconds;
