package tickets

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"backoffice/internal/outbox"
)

// AlertsArgs is the periodic job that sends SLA warnings (75% of a target used) and
// breach notices to the assignee, and keeps the stored SLA state current as due times
// pass without any event.
type AlertsArgs struct{}

// Kind names the job.
func (AlertsArgs) Kind() string { return "tickets.sla_alerts" }

// AlertsWorker runs RunAlerts.
type AlertsWorker struct {
	river.WorkerDefaults[AlertsArgs]
	Service *Service
}

// Work sends the alerts that are due now.
func (w *AlertsWorker) Work(ctx context.Context, _ *river.Job[AlertsArgs]) error {
	_, err := w.Service.RunAlerts(ctx)
	return err
}

// alertBatch bounds one run; the next run picks up the rest.
const alertBatch = 200

// RunAlerts handles every ticket whose next alert is due: it recomputes the SLA, queues
// the due alerts in the outbox — delivered within the desk's business hours (the
// policy calendar's next opening), never at night — and stores the fresh SLA. Tickets
// are claimed with SKIP LOCKED so concurrent runs never send twice; the outbox dedup key
// makes each alert once-only even across retries. It reports how many alerts it queued.
func (s *Service) RunAlerts(ctx context.Context) (int, error) {
	now := s.Clock.Now()
	queued := 0
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ids, err := claimAlertDue(ctx, tx, now, alertBatch)
		if err != nil {
			return err
		}
		for _, id := range ids {
			n, err := s.alertTicket(ctx, tx, id, now)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	return queued, err
}

// superseded is the warning a breach notice makes pointless.
var superseded = map[AlertKind]AlertKind{AlertResponseBreach: AlertResponseWarning, AlertResolutionBreach: AlertResolutionWarning}

func (s *Service) alertTicket(ctx context.Context, tx bun.Tx, id int64, now time.Time) (int, error) {
	t, err := getTicket(ctx, tx, id, false)
	if err != nil {
		return 0, err
	}
	sla, sc, err := computeSLA(ctx, tx, t, now)
	if err != nil {
		return 0, err
	}
	alerts := DueAlerts(sla, func(k AlertKind) bool { return slices.Contains(t.AlertsSent, string(k)) }, now)
	to, err := s.assigneeOrDesk(ctx, tx, t)
	if err != nil {
		return 0, err
	}
	deliver := DeliverAt(sc.Calendar, now)
	for _, a := range alerts {
		subject, body := alertText(t, sla, a)
		if err := enqueue(ctx, tx, now, t, KindTicketAlert, to, subject, body, deliver,
			outbox.Key("ticket:%d:%s", t.ID, a.Kind)); err != nil {
			return 0, err
		}
		t.AlertsSent = append(t.AlertsSent, string(a.Kind))
		if w, ok := superseded[a.Kind]; ok && !slices.Contains(t.AlertsSent, string(w)) {
			t.AlertsSent = append(t.AlertsSent, string(w))
		}
	}
	t.apply(sla)
	return len(alerts), saveTicket(ctx, tx, t)
}

func alertText(t *Ticket, sla SLA, a Alert) (string, string) {
	var what string
	switch a.Kind {
	case AlertResponseWarning:
		what = fmt.Sprintf("75%% of the response target is used; respond by %s", local(sla.ResponseDueAt))
	case AlertResolutionWarning:
		what = fmt.Sprintf("75%% of the resolution target is used; resolve by %s", local(sla.ResolutionDueAt))
	case AlertResponseBreach:
		what = fmt.Sprintf("the response target was breached at %s", local(sla.ResponseDueAt))
	default:
		what = fmt.Sprintf("the resolution target was breached at %s", local(sla.ResolutionDueAt))
	}
	subject := fmt.Sprintf("[%s] SLA %s: %s", t.Number, words(a.Kind), t.Subject)
	body := fmt.Sprintf("Ticket %s (%s, %s) for %s: %s.\n", t.Number, t.Priority, words(t.Status), t.CustomerName, what)
	return subject, body
}

// Workers registers the ticket jobs.
func Workers(w *river.Workers, s *Service) {
	river.AddWorker(w, &AlertsWorker{Service: s})
}

// PeriodicJobs runs the SLA alerts every minute.
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
			func() (river.JobArgs, *river.InsertOpts) { return AlertsArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true}),
	}
}
