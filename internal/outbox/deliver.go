package outbox

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"backoffice/internal/clock"
)

// SMTP is the mail server configuration; Host empty means "no SMTP".
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
}

// Enabled reports whether mail can be sent.
func (s SMTP) Enabled() bool { return s.Host != "" }

// Send delivers one message (plain text, UTF-8).
func (s SMTP) Send(m *Message) error {
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var a smtp.Auth
	if s.Username != "" {
		a = smtp.PlainAuth("", s.Username, s.Password, s.Host)
	}
	var b strings.Builder
	ctype, body := "text/plain; charset=UTF-8", strings.ReplaceAll(m.Body, "\n", "\r\n")
	if len(m.Attachments) > 0 {
		ctype, body = mimeBody(m, fmt.Sprintf("outbox-%d-part", m.ID))
	}
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\nContent-Type: %s\r\nMessage-ID: <outbox-%d@backoffice>\r\n\r\n",
		s.From, m.To, mimeHeader(m.Subject), ctype, m.ID)
	b.WriteString(body)
	return smtp.SendMail(addr, a, s.From, []string{m.To}, []byte(b.String()))
}

func mimeHeader(s string) string {
	for _, r := range s {
		if r > 127 {
			return "=?UTF-8?B?" + b64(s) + "?="
		}
	}
	return s
}

// DeliverArgs is the periodic River job that sends due messages.
type DeliverArgs struct{}

// Kind names the job.
func (DeliverArgs) Kind() string { return "outbox.deliver" }

// DeliverWorker sends due pending messages, each at most 5 times.
type DeliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	DB    *bun.DB
	SMTP  SMTP
	Clock clock.Clock
}

// Work sends a batch; a failure is recorded on the message and retried next round.
func (w *DeliverWorker) Work(ctx context.Context, _ *river.Job[DeliverArgs]) error {
	_, err := DeliverDue(ctx, w.DB, w.SMTP, w.Clock.Now())
	return err
}

// DeliverDue sends up to 50 due messages and reports how many were sent. Rows are
// claimed with FOR UPDATE SKIP LOCKED so two workers never send one message twice.
func DeliverDue(ctx context.Context, db *bun.DB, s SMTP, now time.Time) (int, error) {
	if !s.Enabled() {
		return 0, nil
	}
	sent := 0
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var due []*Message
		if err := tx.NewSelect().Model(&due).Where("status = 'pending' AND not_before <= ?", now).
			Order("not_before", "id").Limit(50).For("UPDATE SKIP LOCKED").Scan(ctx); err != nil {
			return err
		}
		if err := loadAttachments(ctx, tx, due); err != nil {
			return err
		}
		for _, m := range due {
			m.Attempts++
			if err := s.Send(m); err != nil {
				m.LastError = err.Error()
				if m.Attempts >= 5 {
					m.Status = "failed"
				}
			} else {
				m.Status, m.SentAt, m.LastError = "sent", &now, ""
				sent++
			}
			if _, err := tx.NewUpdate().Model(m).Column("status", "attempts", "last_error", "sent_at").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	return sent, err
}

// PeriodicJob schedules delivery every interval.
func PeriodicJob(interval time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return DeliverArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
