-- Time technicians log on a ticket (who, how long, what); billed at the standard hourly
-- rate when the ticket is resolved as not covered (T-4).
CREATE TABLE ticket_time_entries (
    id            bigserial PRIMARY KEY,
    ticket_id     bigint NOT NULL REFERENCES tickets (id),
    technician_id bigint NOT NULL REFERENCES users (id),
    worked_on     date NOT NULL CHECK (worked_on BETWEEN '2000-01-01' AND '2200-12-31'),
    minutes       integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    note          text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 1000),
    created_at    timestamptz NOT NULL
);
CREATE INDEX ticket_time_entries_ticket_idx ON ticket_time_entries (ticket_id, id);
