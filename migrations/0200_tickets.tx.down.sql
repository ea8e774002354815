DROP TABLE IF EXISTS outages;
DROP TABLE IF EXISTS ticket_comments;
DROP TABLE IF EXISTS ticket_events;
DROP TABLE IF EXISTS tickets;
ALTER TABLE customers DROP COLUMN IF EXISTS sla_policy_id;
DROP TABLE IF EXISTS sla_targets;
DROP TABLE IF EXISTS sla_policies;
