package orders

import (
	"backoffice/internal/events"
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// GetContract reads a contract; customer users only their own.
func (s *Service) GetContract(ctx context.Context, id int64) (*Contract, error) {
	c, err := getContract(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	if err := guard(ctx, c.CustomerID, fmt.Sprintf("contract %d", id)); err != nil {
		return nil, err
	}
	return c, nil
}

// ListContracts lists contracts newest first.
func (s *Service) ListContracts(ctx context.Context, f ContractFilter) ([]*Contract, error) {
	f.Principal = auth.FromContext(ctx)
	f.Today = s.today(s.now())
	return listContracts(ctx, s.DB, f)
}

// Today is the Amsterdam date of the service clock.
func (s *Service) Today() civil.Date { return s.today(s.now()) }

// TerminateContract records a termination notice that arrived at receivedAt (Q-8, CAL-3)
// and confirms it to the customer with the end date; outstanding claims fall due.
func (s *Service) TerminateContract(ctx context.Context, id int64, receivedAt time.Time) (*Contract, error) {
	now := s.now()
	if receivedAt.After(now) {
		return nil, problem.Invalid("notice_received_at", "must not be in the future")
	}
	err := s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		c, err := getContract(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := guard(ctx, c.CustomerID, fmt.Sprintf("contract %d", id)); err != nil {
			return err
		}
		t, err := c.Terminate(receivedAt, s.Calendar, now)
		if err != nil {
			return err
		}
		t.RecordedBy = actorID(ctx)
		if err := saveTermination(ctx, tx, c); err != nil {
			return err
		}
		// every outstanding claim falls due at once.
		if err := chargeOutstanding(ctx, tx, now, c.ID); err != nil {
			return err
		}
		if _, err := events.Publish(ctx, tx, now, events.ContractTerminated, "contract", c.ID,
			events.ContractTerminatedPayload{ContractID: c.ID, OrderID: c.OrderID, CustomerID: c.CustomerID, EndsOn: t.EndDate}); err != nil {
			return err
		}
		if err := record(ctx, tx, now, "contract", c.ID, "terminate", map[string]any{"notice_received_at": receivedAt,
			"deemed_delivered": t.DeemedDelivered.String(), "end_date": t.EndDate.String(), "on_time": t.OnTime}); err != nil {
			return err
		}
		return s.mailTermination(ctx, tx, c, t, now)
	})
	if err != nil {
		return nil, err
	}
	return s.GetContract(ctx, id)
}

// CreateSeries registers an index series (IDX-1).
func (s *Service) CreateSeries(ctx context.Context, in *IndexSeries) error {
	now := s.now()
	return s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if in.RebasedFrom != "" {
			ok, err := seriesExists(ctx, tx, in.RebasedFrom)
			if err != nil {
				return err
			}
			if !ok {
				return problem.Invalid("rebased_from", fmt.Sprintf("index series %q does not exist", in.RebasedFrom))
			}
		}
		if err := insertSeries(ctx, tx, in, now); err != nil {
			return err
		}
		return record(ctx, tx, now, "index_series", in.Code, "create", map[string]any{"code": in.Code, "base": in.Base, "rebased_from": in.RebasedFrom})
	})
}

// ListSeries returns all series with their values, ordered by code.
func (s *Service) ListSeries(ctx context.Context) ([]*IndexSeries, error) {
	all, err := loadSeries(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	out := make([]*IndexSeries, 0, len(all))
	for _, v := range all {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// PutValues stores monthly values of a series, replacing revised ones, and audits the change.
func (s *Service) PutValues(ctx context.Context, code string, vals []MonthValue, source string) (created, updated int, err error) {
	now := s.now()
	err = s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if _, err := seriesForUpdate(ctx, tx, code); err != nil {
			return err
		}
		if created, updated, err = upsertValues(ctx, tx, code, vals, now); err != nil {
			return err
		}
		return record(ctx, tx, now, "index_series", code, "values", map[string]any{"code": code, "source": source, "created": created, "updated": updated})
	})
	return created, updated, err
}

// PutStandardRate sets an entry of the standard rate list.
func (s *Service) PutStandardRate(ctx context.Context, r StandardRate) error {
	now := s.now()
	return s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := upsertStandardRate(ctx, tx, r, now); err != nil {
			return err
		}
		return record(ctx, tx, now, "standard_rate", r.SKU, "put", map[string]any{"unit_price": r.UnitPrice.StringFixed(2), "vat_rate": r.VATRate.String()})
	})
}
