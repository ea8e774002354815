ALTER TABLE quotes DROP COLUMN contact_id;
