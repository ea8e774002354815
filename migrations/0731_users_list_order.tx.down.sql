DROP INDEX users_list_email_idx;
DROP INDEX users_list_name_idx;
