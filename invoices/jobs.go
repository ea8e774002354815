package invoices

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// MailArgs is the periodic job that queues the e-mail of issued invoices.
type MailArgs struct{}

// Kind names the job.
func (MailArgs) Kind() string { return "invoices.mail" }

type mailWorker struct {
	river.WorkerDefaults[MailArgs]
	svc *Service
}

// Work queues e-mails in batches of 200 until none are left.
func (w *mailWorker) Work(ctx context.Context, _ *river.Job[MailArgs]) error {
	for {
		n, err := w.svc.MailIssued(ctx, 200)
		if err != nil || n == 0 {
			return err
		}
	}
}

// Workers registers the invoice workers.
func (m *Module) Workers(w *river.Workers) { river.AddWorker(w, &mailWorker{svc: m.svc}) }

// PeriodicJobs: the e-mail of issued invoices every minute.
func (m *Module) PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return MailArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
}
