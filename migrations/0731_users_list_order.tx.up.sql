-- The users page sorts by name or e-mail with the id as tie-breaker (internal/listq keyset).
CREATE INDEX users_list_name_idx ON users (lower(name), id);
CREATE INDEX users_list_email_idx ON users (email, id);
