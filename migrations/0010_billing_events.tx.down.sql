DROP TABLE event_deliveries;
DROP TABLE event_subscriptions;
DROP TABLE events;
DROP TABLE charges;
DROP FUNCTION charges_immutable();
