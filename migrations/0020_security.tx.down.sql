ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_name_length, DROP CONSTRAINT IF EXISTS customers_kvk_number_length,
    DROP CONSTRAINT IF EXISTS customers_vat_id_length, DROP CONSTRAINT IF EXISTS customers_street_length,
    DROP CONSTRAINT IF EXISTS customers_postal_code_length, DROP CONSTRAINT IF EXISTS customers_city_length,
    DROP CONSTRAINT IF EXISTS customers_billing_email_length;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_length, DROP CONSTRAINT IF EXISTS users_name_length,
    DROP CONSTRAINT IF EXISTS users_blocked_reason_length;
ALTER TABLE user_blocks DROP CONSTRAINT IF EXISTS user_blocks_reason_length;
ALTER TABLE sessions DROP CONSTRAINT IF EXISTS sessions_user_agent_length;
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_subject_length, DROP CONSTRAINT IF EXISTS outbox_body_length;
ALTER TABLE calendars DROP CONSTRAINT IF EXISTS calendars_name_length;
DROP TABLE login_throttle;
