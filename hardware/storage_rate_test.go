package hardware

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/platform"
)

type rateList map[string]decimal.Decimal

func (r rateList) StandardRate(_ context.Context, _ bun.IDB, sku string) (platform.StandardRate, bool, error) {
	p, ok := r[sku]
	return platform.StandardRate{SKU: sku, UnitPrice: p, Unit: "week", VATRate: "21"}, ok, nil
}

// TestStorageAtTheStandardRate: HW-2 storage is charged at the standard rate of the price
// list (SKU STORAGE-WEEK), and at the default only when the list has none.
func TestStorageAtTheStandardRate(t *testing.T) {
	ctx := context.Background()
	s := &Service{StorageRate: DefaultStorageRate, Rates: func() platform.RateBook { return rateList{StorageSKU: decimal.RequireFromString("30.00")} }}
	if r, err := s.storageRate(ctx, nil); err != nil || r.StringFixed(2) != "30.00" {
		t.Fatalf("HW-2 standard rate %s (%v), want 30.00", r, err)
	}
	s.Rates = func() platform.RateBook { return rateList{} }
	if r, _ := s.storageRate(ctx, nil); r.StringFixed(2) != "25.00" {
		t.Fatalf("HW-2 default rate %s, want 25.00", r)
	}
}
