package hardware

import (
	"context"

	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/audit"
	"backoffice/internal/auth"
)

// Items lists delivered items the principal may see.
func (s *Service) Items(ctx context.Context, f ItemFilter) ([]*Item, error) {
	p := auth.FromContext(ctx)
	return listItems(ctx, s.DB, p, f, 1000)
}

// Lines loads a listed delivery's lines.
func (s *Service) Lines(ctx context.Context, d *Delivery) error { return loadLines(ctx, s.DB, d) }

// LinesOf fills the lines of a page of deliveries in one batch of queries.
func (s *Service) LinesOf(ctx context.Context, ds []Delivery) error {
	ps := make([]*Delivery, len(ds))
	for i := range ds {
		ps[i] = &ds[i]
	}
	return loadLinesOf(ctx, s.DB, ps)
}

// Item loads an item the principal may see.
func (s *Service) Item(ctx context.Context, id int64) (*Item, error) {
	p := auth.FromContext(ctx)
	it, err := getItem(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	return it, auth.Guard(p, it.CustomerID)
}

// TitleReason explains an item's title as of now (HW-4).
func (s *Service) TitleReason(ctx context.Context, it *Item) (string, error) {
	if it.Title == Transferred {
		return "paid in full: title passed", nil
	}
	prof, err := profileOfDelivery(ctx, s.DB, it.DeliveryID)
	if err != nil {
		return "", err
	}
	v, err := titleOfItem(ctx, s.DB, it, prof)
	return v.Reason, err
}

// MarkPaymentDifficulties flags the retained items of a customer in payment
// difficulties as repossession_possible (HW-4, 002:10.3, 004:15.6).
func (s *Service) MarkPaymentDifficulties(ctx context.Context, customerID int64) (int, error) {
	p := auth.FromContext(ctx)
	if err := staffOnly(p); err != nil {
		return 0, err
	}
	now := s.Clock.Now()
	n := 0
	return n, s.tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if n, err = markRepossession(ctx, tx, now, nil, customerID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "customer", customerID, "payment_difficulties", map[string]any{"items_flagged": n})
	})
}

// CustomerName is the customer's name for documents.
func (s *Service) CustomerName(ctx context.Context, id int64) (string, error) {
	a, err := registeredAddress(ctx, s.DB, id)
	if err != nil {
		return "", err
	}
	return a.Name, nil
}

// CustomerNames are the names of the customers of a page of records (the lists show
// names, not numbers).
func (s *Service) CustomerNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	return customerNames(ctx, s.DB, ids)
}

// CustomerOptions are the customers to pick from (the repossession form).
func (s *Service) CustomerOptions(ctx context.Context) ([]accounts.Option, error) {
	return accounts.CustomerOptions(ctx, s.DB, 500)
}
