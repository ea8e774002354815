-- Q-3: a quote accepted by a signed PDF keeps the signed copy (stored in uploads, owner
-- kind 'quote'); only that method carries a file.
ALTER TABLE quotes ADD COLUMN signed_upload_id bigint REFERENCES uploads (id);
ALTER TABLE quotes ADD CONSTRAINT quotes_signed_upload_method
    CHECK (signed_upload_id IS NULL OR acceptance_method = 'signed_pdf');
