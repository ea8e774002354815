ALTER TABLE quotes DROP COLUMN signed_upload_id;
