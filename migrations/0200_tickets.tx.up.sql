-- Tickets: SLA policies with targets per priority, tickets with their event log and
-- comments, the stored (always current) SLA due times for fast lists, and outages for
-- the T-5 availability report.

CREATE TABLE sla_policies (
    id             bigserial PRIMARY KEY,
    name           text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    calendar_id    text NOT NULL CHECK (calendar_id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    -- statuses during which both clocks stand still (T-2); only waiting_on_customer makes sense
    pause_statuses text[] NOT NULL DEFAULT '{waiting_on_customer}'
                   CHECK (pause_statuses <@ ARRAY['waiting_on_customer']::text[]),
    is_default     boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX sla_policies_name_key ON sla_policies (lower(name));
CREATE UNIQUE INDEX sla_policies_one_default ON sla_policies (is_default) WHERE is_default;

CREATE TABLE sla_targets (
    policy_id          bigint NOT NULL REFERENCES sla_policies (id) ON DELETE CASCADE,
    priority           text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    response_seconds   bigint NOT NULL CHECK (response_seconds > 0),
    resolution_seconds bigint NOT NULL CHECK (resolution_seconds >= response_seconds),
    PRIMARY KEY (policy_id, priority)
);

-- The default policy (Kantooruren, CAL-2 default for support) and the Cliendo variant (T-3).
INSERT INTO sla_policies (name, calendar_id, is_default, created_at, updated_at)
VALUES ('Standaard', 'nl-kantooruren', true, now(), now()),
       ('Cliendo support', 'cliendo-support', false, now(), now());
INSERT INTO sla_targets (policy_id, priority, response_seconds, resolution_seconds)
SELECT p.id, t.priority, t.response, t.resolution
FROM sla_policies p
JOIN (VALUES ('Standaard', 'P1', 3600, 4 * 3600),
             ('Standaard', 'P2', 4 * 3600, 16 * 3600),
             ('Standaard', 'P3', 8 * 3600, 40 * 3600),
             ('Standaard', 'P4', 16 * 3600, 80 * 3600),
             ('Cliendo support', 'P1', 48 * 3600, 96 * 3600),
             ('Cliendo support', 'P2', 48 * 3600, 96 * 3600),
             ('Cliendo support', 'P3', 48 * 3600, 144 * 3600),
             ('Cliendo support', 'P4', 48 * 3600, 192 * 3600))
     AS t (policy, priority, response, resolution) ON t.policy = p.name;

ALTER TABLE customers ADD COLUMN sla_policy_id bigint REFERENCES sla_policies (id);

CREATE TABLE tickets (
    id                       bigserial PRIMARY KEY,
    number                   text NOT NULL UNIQUE,
    customer_id              bigint NOT NULL REFERENCES customers (id),
    reporter_id              bigint REFERENCES users (id),
    subject                  text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 200),
    description              text NOT NULL CHECK (length(description) <= 20000),
    category                 text NOT NULL CHECK (category IN ('incident', 'defect', 'question', 'request', 'data_breach')),
    priority                 text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    status                   text NOT NULL CHECK (status IN ('new', 'open', 'waiting_on_customer', 'resolved', 'closed')),
    resolution               text CHECK (resolution IN ('fix', 'workaround', 'not_covered')),
    billable                 boolean GENERATED ALWAYS AS (coalesce(resolution = 'not_covered', false)) STORED,
    assignee_id              bigint REFERENCES users (id),
    sla_policy_id            bigint NOT NULL REFERENCES sla_policies (id),
    received_at              timestamptz NOT NULL,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    first_response_at        timestamptz,
    resolved_at              timestamptz,
    -- The SLA as computed at the last event (sla.go); kept current on every event so
    -- lists filter and sort in SQL. next_due_at is null while paused or done.
    response_due_at          timestamptz NOT NULL,
    resolution_due_at        timestamptz NOT NULL,
    next_due_at              timestamptz,
    sla_state                text NOT NULL CHECK (sla_state IN ('running', 'paused', 'met', 'breached')),
    response_breached        boolean NOT NULL DEFAULT false,
    resolution_breached      boolean NOT NULL DEFAULT false,
    next_alert_at            timestamptz,
    alerts_sent              text[] NOT NULL DEFAULT '{}',
    -- T-6: discovery + 72 wall-clock hours, for data breaches only
    controller_notice_due_at timestamptz,
    CONSTRAINT tickets_received_before_created CHECK (received_at <= created_at),
    CONSTRAINT tickets_resolution_iff_done CHECK ((status IN ('resolved', 'closed')) = (resolution IS NOT NULL)),
    CONSTRAINT tickets_resolved_at_iff_done CHECK ((status IN ('resolved', 'closed')) = (resolved_at IS NOT NULL)),
    CONSTRAINT tickets_breach_notice CHECK ((category = 'data_breach') = (controller_notice_due_at IS NOT NULL))
);
CREATE INDEX tickets_next_due_idx ON tickets (next_due_at, id) WHERE next_due_at IS NOT NULL;
CREATE INDEX tickets_next_alert_idx ON tickets (next_alert_at) WHERE next_alert_at IS NOT NULL;
CREATE INDEX tickets_id_desc_idx ON tickets (id DESC);
CREATE INDEX tickets_customer_idx ON tickets (customer_id, id DESC);
CREATE INDEX tickets_status_idx ON tickets (status, id DESC);
CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, id DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_resolved_month_idx ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;

-- The event log the SLA clock reads: every status, priority, policy, assignee and
-- category change, and the first response.
CREATE TABLE ticket_events (
    id         bigserial PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    at         timestamptz NOT NULL,
    actor_id   bigint REFERENCES users (id),
    kind       text NOT NULL CHECK (kind IN ('created', 'status', 'priority', 'policy', 'assignee', 'category', 'first_response')),
    old_value  text,
    new_value  text,
    resolution text CHECK (resolution IN ('fix', 'workaround', 'not_covered'))
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);

CREATE TABLE ticket_comments (
    id         bigserial PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id  bigint NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 20000),
    public     boolean NOT NULL,
    by_staff   boolean NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT ticket_comments_customer_public CHECK (by_staff OR public)
);
CREATE INDEX ticket_comments_ticket_idx ON ticket_comments (ticket_id, id);

-- T-5: outages of a service; customer_id null = all customers of the service.
CREATE TABLE outages (
    id           bigserial PRIMARY KEY,
    service      text NOT NULL CHECK (service ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    customer_id  bigint REFERENCES customers (id),
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('unplanned', 'planned', 'customer_caused')),
    announced_at timestamptz,
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES users (id),
    CONSTRAINT outages_period CHECK (ended_at > started_at),
    CONSTRAINT outages_announced_before CHECK (announced_at IS NULL OR announced_at <= started_at)
);
CREATE INDEX outages_service_idx ON outages (service, started_at);
