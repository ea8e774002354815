-- Tickets keep their SLA policy assignment in a table of their own instead of a column
-- on the foundation table customers (ISSUE 8): tickets read and write only their tables.
CREATE TABLE customer_sla_policies (
    customer_id   bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    sla_policy_id bigint NOT NULL REFERENCES sla_policies (id),
    assigned_at   timestamptz NOT NULL
);

INSERT INTO customer_sla_policies (customer_id, sla_policy_id, assigned_at)
SELECT id, sla_policy_id, now() FROM customers WHERE sla_policy_id IS NOT NULL;

ALTER TABLE customers DROP COLUMN sla_policy_id;
