// Package events carries facts between domains: a domain publishes an event in the
// transaction of the change that caused it (so the event exists if and only if the change
// committed), and every subscriber registered for its kind gets it delivered at least
// once, in order per entity, by a River job (the transactional-outbox pattern). A
// subscriber's handler runs in a transaction that also records the delivery, so its
// effects and "delivered" commit together; handlers must still be idempotent, since a
// crash between the handler's own side effects outside the database and the commit
// delivers again.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Event kinds the domains publish. Payloads are documented beside each.
const (
	QuoteAccepted      = "quote.accepted"      // QuoteAcceptedPayload
	OrderCancelled     = "order.cancelled"     // {order_id, customer_id}
	ContractTerminated = "contract.terminated" // {contract_id, customer_id, ends_on}
	StatementFinalised = "statement.finalised" // {statement_id, placement_id, customer_id, month}
	TicketResolved     = "ticket.resolved"     // {ticket_id, customer_id, resolution}
	InvoiceIssued      = "invoice.issued"      // {invoice_id, customer_id, number, charge_ids, agreements}
	InvoicePaid        = "invoice.paid"        // {invoice_id, customer_id, paid_on, charge_ids, agreements}
)

// Event is one published fact.
type Event struct {
	bun.BaseModel `bun:"table:events"`

	ID        int64           `bun:"id,pk,autoincrement" json:"id"`
	Kind      string          `bun:"kind" json:"kind"`
	Entity    string          `bun:"entity" json:"entity"`
	EntityID  int64           `bun:"entity_id" json:"entity_id"`
	Payload   json.RawMessage `bun:"payload,type:jsonb" json:"payload"`
	CreatedAt time.Time       `bun:"created_at" json:"created_at"`
}

// Decode reads the payload into v.
func (e *Event) Decode(v any) error {
	if err := json.Unmarshal(e.Payload, v); err != nil {
		return fmt.Errorf("events: payload of %s %d: %w", e.Kind, e.ID, err)
	}
	return nil
}

// Publish writes an event in the caller's transaction and fans it out to the
// subscribers registered for its kind, in one statement.
func Publish(ctx context.Context, tx bun.IDB, now time.Time, kind, entity string, entityID int64, payload any) (*Event, error) {
	q, e, err := PublishQuery(tx, now, kind, entity, entityID, payload)
	if err != nil {
		return nil, err
	}
	if err := q.Scan(ctx, &e.ID); err != nil {
		return nil, fmt.Errorf("events: publish %s: %w", kind, err)
	}
	return e, nil
}

// PublishQuery is Publish's one statement, not yet sent: the event and its deliveries
// in one CTE, for a db.Batch with the other writes of a create (issue 14). The Event it
// returns has no ID until the statement ran (Publish scans it; a batch discards it).
func PublishQuery(tx bun.IDB, now time.Time, kind, entity string, entityID int64, payload any) (*bun.RawQuery, *Event, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, nil, fmt.Errorf("events: %s payload: %w", kind, err)
	}
	if payload == nil {
		b = []byte("{}")
	}
	e := &Event{Kind: kind, Entity: entity, EntityID: entityID, Payload: b, CreatedAt: now}
	q := tx.NewRaw(`WITH e AS (INSERT INTO events (kind, entity, entity_id, payload, created_at) VALUES (?, ?, ?, ?::jsonb, ?) RETURNING id),
		d AS (INSERT INTO event_deliveries (subscriber, event_id, entity, entity_id, next_at)
			SELECT s.subscriber, e.id, ?, ?, ? FROM event_subscriptions AS s, e WHERE s.kind = ?)
		SELECT id FROM e`, kind, entity, entityID, string(b), now, entity, entityID, now, kind)
	return q, e, nil
}

// Handler reacts to one event inside tx, the transaction that records its delivery.
type Handler func(ctx context.Context, tx bun.Tx, e *Event) error

// Subscription is one subscriber: a stable name (it keys the delivery records), the
// kinds it handles, and its idempotent handler.
type Subscription struct {
	Name   string
	Kinds  []string
	Handle Handler
}
