-- The test clock (BACKOFFICE_TEST_CLOCK=1) lives here so that every instance on the
-- database shows the same pinned instant.
CREATE TABLE test_clock (
    id        smallint PRIMARY KEY CHECK (id = 1),
    pinned_at timestamptz,
    set_at    timestamptz NOT NULL
);
