DROP TABLE ticket_time_entries;
