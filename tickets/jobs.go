package tickets

import (
	"context"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/i18n"
	"backoffice/internal/outbox"
	"backoffice/internal/web"
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

// alertText is an SLA alert to the assignee or the desk, in the staff language, the due
// time in words ("3 maart 2026 om 10:15") and the share used as every percentage is written.
func alertText(t *Ticket, sla SLA, a Alert) (string, string) {
	l := i18n.For(web.StaffLang)
	due := sla.ResolutionDueAt
	if a.Kind == AlertResponseWarning || a.Kind == AlertResponseBreach {
		due = sla.ResponseDueAt
	}
	what := l.T("tickets.mail.alert.what."+string(a.Kind), map[string]any{"Used": i18n.Percent(l.Lang, decimal.NewFromInt(75)), "Due": inWords(l, due)})
	subject := l.T("tickets.mail.alert.subject", map[string]any{"Number": t.Number, "Alert": l.T("tickets.mail.alert.kind." + string(a.Kind)), "Subject": t.Subject})
	body := l.T("tickets.mail.alert.body", map[string]any{"Number": t.Number, "Priority": t.Priority, "Status": words(t.Status),
		"Customer": t.CustomerName, "What": what})
	return subject, body + "\n"
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
