ALTER TABLE customers ADD COLUMN IF NOT EXISTS sla_policy_id bigint REFERENCES sla_policies (id);
UPDATE customers AS c SET sla_policy_id = a.sla_policy_id FROM customer_sla_policies AS a WHERE a.customer_id = c.id;
DROP TABLE IF EXISTS customer_sla_policies;
