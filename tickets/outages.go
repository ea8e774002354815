package tickets

import (
	"backoffice/internal/accounts"
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/problem"
)

// outageRow is the stored form of an Outage.
type outageRow struct {
	bun.BaseModel `bun:"table:outages"`

	ID          int64      `bun:"id,pk,autoincrement"`
	Service     string     `bun:"service"`
	CustomerID  *int64     `bun:"customer_id"`
	StartedAt   time.Time  `bun:"started_at"`
	EndedAt     time.Time  `bun:"ended_at"`
	Kind        string     `bun:"kind"`
	AnnouncedAt *time.Time `bun:"announced_at"`
	CreatedAt   time.Time  `bun:"created_at"`
	CreatedBy   *int64     `bun:"created_by"`
}

func (r *outageRow) outage() Outage {
	o := Outage{ID: r.ID, Service: r.Service, StartedAt: r.StartedAt, EndedAt: r.EndedAt, Kind: OutageKind(r.Kind)}
	if r.CustomerID != nil {
		o.CustomerID = *r.CustomerID
	}
	if r.AnnouncedAt != nil {
		o.AnnouncedAt = *r.AnnouncedAt
	}
	return o
}

// OutageInput is the body of POST /api/v1/outages.
type OutageInput struct {
	Service     string     `json:"service"`
	CustomerID  *int64     `json:"customer_id"`
	StartedAt   *time.Time `json:"started_at"`
	EndedAt     *time.Time `json:"ended_at"`
	Kind        string     `json:"kind"`
	AnnouncedAt *time.Time `json:"announced_at"`
}

// RecordOutage stores an outage of a service (T-5), for all customers or one.
func (s *Service) RecordOutage(ctx context.Context, in OutageInput) (Outage, error) {
	p := auth.FromContext(ctx)
	now := s.Clock.Now()
	o := Outage{Service: strings.TrimSpace(in.Service), Kind: OutageKind(in.Kind)}
	if in.StartedAt != nil {
		o.StartedAt = in.StartedAt.UTC()
	}
	if in.EndedAt != nil {
		o.EndedAt = in.EndedAt.UTC()
	}
	if in.AnnouncedAt != nil {
		o.AnnouncedAt = in.AnnouncedAt.UTC()
	}
	var f problem.Fields
	f.Merge(o.Validate(now))
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if in.CustomerID != nil {
			ok, err := accounts.CustomerExists(ctx, tx, *in.CustomerID)
			if err != nil {
				return err
			}
			if !ok {
				f.Add("customer_id", "no such customer")
			}
			o.CustomerID = *in.CustomerID
		}
		if err := f.Err(); err != nil {
			return err
		}
		row := &outageRow{Service: o.Service, CustomerID: in.CustomerID, StartedAt: o.StartedAt, EndedAt: o.EndedAt,
			Kind: string(o.Kind), AnnouncedAt: in.AnnouncedAt, CreatedAt: now, CreatedBy: actorID(p)}
		if err := insertOutage(ctx, tx, row); err != nil {
			return err
		}
		o.ID = row.ID
		return audit.Record(ctx, tx, now, "outage", o.ID, "create", map[string]any{
			"service": o.Service, "customer_id": in.CustomerID, "kind": o.Kind, "started_at": o.StartedAt,
			"ended_at": o.EndedAt, "announced_at": in.AnnouncedAt, "downtime": o.CountsAsDowntime(clock.Amsterdam)})
	})
	return o, err
}

// Availability reports a service's availability in quarter (T-5) as p may see it: a
// customer user for its own company, staff service-wide or for a named customer.
func (s *Service) Availability(ctx context.Context, service string, q Quarter, customerID *int64) (AvailabilityReport, error) {
	p := auth.FromContext(ctx)
	cid, err := auth.CustomerFor(p, customerID)
	if err != nil {
		return AvailabilityReport{}, err
	}
	outs, err := outagesFor(ctx, s.DB, service, cid, q.End(clock.Amsterdam))
	if err != nil {
		return AvailabilityReport{}, err
	}
	r := Availability(q, outs, clock.Amsterdam, s.Clock.Now())
	r.Service = service
	return r, nil
}

// Services lists the services that have outages on record.
func (s *Service) Services(ctx context.Context) ([]string, error) {
	return outageServices(ctx, s.DB)
}

// ParseAvailabilityQuery reads ?service=&quarter=&customer_id= with every problem at once.
func ParseAvailabilityQuery(q func(string) string, now time.Time) (string, Quarter, *int64, error) {
	var f problem.Fields
	service := q("service")
	if !servicePattern.MatchString(service) {
		f.Add("service", "is required: a service slug such as \"mail\"")
	}
	quarter := QuarterOf(now, clock.Amsterdam)
	if v := q("quarter"); v != "" {
		var err error
		if quarter, err = ParseQuarter(v); err != nil {
			f.Add("quarter", err.Error())
		}
	}
	var cid *int64
	if v := q("customer_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			f.Add("customer_id", "must be a positive whole number")
		} else {
			cid = &n
		}
	}
	return service, quarter, cid, f.Err()
}
