-- A ticket opened by another domain names its origin ("hardware/defect_report/5"); one
-- ticket per origin, so a redelivered event does not open a second ticket.
ALTER TABLE tickets ADD COLUMN origin text UNIQUE;
