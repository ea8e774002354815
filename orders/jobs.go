package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
	"backoffice/internal/web"
)

// QuoteSweepArgs is the periodic job that reminds account managers of quotes about to
// expire and persists the expiry of quotes past their validity.
type QuoteSweepArgs struct{}

// Kind names the job.
func (QuoteSweepArgs) Kind() string { return "orders.quote_sweep" }

// QuoteSweepWorker runs SweepQuotes.
type QuoteSweepWorker struct {
	river.WorkerDefaults[QuoteSweepArgs]
	Service *Service
}

// Work runs one sweep.
func (w *QuoteSweepWorker) Work(ctx context.Context, _ *river.Job[QuoteSweepArgs]) error {
	_, _, err := w.Service.SweepQuotes(ctx)
	return err
}

// Workers registers the package's workers.
func Workers(w *river.Workers, s *Service) {
	river.AddWorker(w, &QuoteSweepWorker{Service: s})
	river.AddWorker(w, &BillContractsWorker{Service: s})
}

// PeriodicJobs runs the quote sweep every 10 minutes and the contract billing hourly.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return QuoteSweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return BillContractsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}

// sweepBatch bounds one sweep; the next run continues.
const sweepBatch = 500

// SweepQuotes queues a reminder to the account manager for each sent quote with at most
// ReminderDaysBeforeExpiry days of validity left (once per quote, dedup key), and stores
// status expired for sent quotes past their validity. Expiry only ever replaces sent:
// accepted, declined, withdrawn and superseded quotes are never touched. Rows are
// claimed with SKIP LOCKED so concurrent sweeps and a concurrent accept never collide.
func (s *Service) SweepQuotes(ctx context.Context) (reminded, expired int, err error) {
	now := s.now()
	today := s.today(now)
	err = s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		due, err := claimRemindable(ctx, tx, today, today.AddDays(ReminderDaysBeforeExpiry))
		if err != nil {
			return err
		}
		for _, q := range due {
			if err := s.remind(ctx, tx, &q, now); err != nil {
				return err
			}
			reminded++
		}
		ids, err := claimExpired(ctx, tx, today)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := markExpired(ctx, tx, id, now); err != nil {
				return err
			}
			if err := record(ctx, tx, now, "quote", id, "expire", map[string]any{"status": map[string]string{"from": "sent", "to": "expired"}}); err != nil {
				return err
			}
			expired++
		}
		return nil
	})
	return reminded, expired, err
}

func (s *Service) remind(ctx context.Context, tx bun.IDB, q *quoteRow, now time.Time) error {
	to := ""
	if q.CreatedBy != nil {
		var err error
		if to, err = userEmail(ctx, tx, *q.CreatedBy); err != nil {
			return err
		}
	}
	if to != "" {
		days := q.ValidUntil.DaysSince(s.today(now))
		l := i18n.For(web.StaffLang)
		data := map[string]any{"Number": q.Number, "Version": q.Version, "Title": q.Title, "Net": i18n.Money(l.Lang, q.Net),
			"ValidUntil": i18n.Date(l.Lang, q.ValidUntil), "Days": days, "Link": s.link(fmt.Sprintf("/admin/quotes/%d", q.ID))}
		if err := outbox.Enqueue(ctx, tx, now, &outbox.Message{Kind: MailQuoteReminder, To: to, Entity: "quote", EntityID: fmt.Sprint(q.ID),
			Subject: l.T("orders.mail.staff_reminder.subject", data), Body: l.T("orders.mail.staff_reminder.body", data),
			DedupKey: outbox.Key("quote-reminder:%d", q.ID)}); err != nil {
			return err
		}
	}
	return markReminded(ctx, tx, q.ID, now)
}
