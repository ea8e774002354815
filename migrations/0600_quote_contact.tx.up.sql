-- The contact person a quote is addressed to: its e-mails go to them by name (issue 13);
-- none: the billing address.
ALTER TABLE quotes ADD COLUMN contact_id bigint REFERENCES users(id) ON DELETE SET NULL;
