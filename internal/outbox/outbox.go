// Package outbox holds the notifications the product sends: a message is written in the
// same transaction as the change that causes it, and a River job delivers due messages
// over SMTP when SMTP is configured. Without SMTP the messages stay readable on the
// admin UI's Outbox page.
package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Message is one e-mail to send.
type Message struct {
	bun.BaseModel `bun:"table:outbox"`

	ID        int64      `bun:"id,pk,autoincrement" json:"id"`
	CreatedAt time.Time  `bun:"created_at" json:"created_at"`
	Kind      string     `bun:"kind" json:"kind"` // e.g. quote_accepted, ticket_new
	To        string     `bun:"to_address" json:"to"`
	Subject   string     `bun:"subject" json:"subject"`
	Body      string     `bun:"body" json:"body"`
	NotBefore time.Time  `bun:"not_before" json:"not_before"` // e.g. the desk's next opening
	Status    string     `bun:"status" json:"status"`
	Attempts  int        `bun:"attempts" json:"attempts"`
	LastError string     `bun:"last_error" json:"last_error"`
	SentAt    *time.Time `bun:"sent_at" json:"sent_at"`
	Entity    string     `bun:"entity" json:"entity"`
	EntityID  string     `bun:"entity_id" json:"entity_id"`
	DedupKey  *string    `bun:"dedup_key" json:"-"` // a second message with the same key is dropped
	// Attachments are stored with the message (attachments.go) and sent as multipart/mixed.
	Attachments []Attachment `bun:"-" json:"attachments,omitempty"`
}

// Enqueue stores m for delivery (NotBefore zero = now). With a DedupKey, a message that
// was already queued under that key is silently skipped (reminders, SLA warnings).
func Enqueue(ctx context.Context, db bun.IDB, now time.Time, m *Message) error {
	res, err := insert(db, now, m).Returning("id").Exec(ctx)
	if err != nil {
		return fmt.Errorf("outbox: enqueue %s: %w", m.Kind, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return saveAttachments(ctx, db, m)
	}
	return nil
}

// EnqueueQuery is Enqueue's statement for messages without attachments, not yet sent:
// a create that draws its number last sends its mails in one db.Batch with the other
// writes that need the number (issue 14). Messages with attachments need their id to
// store the files: Enqueue them.
func EnqueueQuery(db bun.IDB, now time.Time, ms ...*Message) (*bun.InsertQuery, error) {
	for _, m := range ms {
		if len(m.Attachments) > 0 {
			return nil, fmt.Errorf("outbox: %s has attachments: use Enqueue", m.Kind)
		}
		if m.DedupKey != nil && len(ms) > 1 {
			return nil, fmt.Errorf("outbox: %s has a dedup key: queue it alone", m.Kind)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("outbox: no messages")
	}
	if len(ms) == 1 {
		return insert(db, now, ms[0]), nil
	}
	for _, m := range ms {
		stamp(now, m)
	}
	return db.NewInsert().Model(&ms), nil
}

func insert(db bun.IDB, now time.Time, m *Message) *bun.InsertQuery {
	stamp(now, m)
	q := db.NewInsert().Model(m)
	if m.DedupKey != nil {
		q = q.On("CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL DO NOTHING")
	}
	return q
}

func stamp(now time.Time, m *Message) {
	m.CreatedAt = now
	if m.NotBefore.IsZero() {
		m.NotBefore = now
	}
	m.Status = "pending"
}

// Key returns a dedup key pointer.
func Key(format string, args ...any) *string {
	s := fmt.Sprintf(format, args...)
	return &s
}
