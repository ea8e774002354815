package orders

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/db"
)

// quoteTermsProfile reads the terms profile code of the quote an order came from.
func quoteTermsProfile(ctx context.Context, idb bun.IDB, quoteID int64) (string, error) {
	var code string
	err := idb.NewSelect().Table("quotes").Column("terms_profile").Where("id = ?", quoteID).Scan(ctx, &code)
	if err != nil {
		return "", fmt.Errorf("orders: terms profile of quote %d: %w", quoteID, err)
	}
	return code, nil
}

// billableLine is a recurring contract line with what the billing job needs.
type billableLine struct {
	LineID      int64           `bun:"line_id"`
	ContractID  int64           `bun:"contract_id"`
	Number      string          `bun:"number"`
	OrderID     int64           `bun:"order_id"`
	CustomerID  int64           `bun:"customer_id"`
	StartDate   civil.Date      `bun:"start_date"`
	EndDate     *civil.Date     `bun:"end_date"` // the termination's end date, if any
	Profile     string          `bun:"terms_profile"`
	Description string          `bun:"description"`
	Quantity    decimal.Decimal `bun:"quantity"`
	Unit        string          `bun:"unit"`
	Fee         decimal.Decimal `bun:"fee"`
	FeeSince    civil.Date      `bun:"fee_since"`
	Period      Period          `bun:"period"`
	VATRate     decimal.Decimal `bun:"vat_rate"`
	BilledUntil *civil.Date     `bun:"billed_until"`
	Language    string          `bun:"language"` // the customer's: its charges are described in it
}

// linesToBill locks (skipping those another run holds) up to limit recurring lines whose
// charges do not yet reach horizon, after the line id afterID.
func linesToBill(ctx context.Context, idb bun.IDB, horizon civil.Date, afterID int64, limit int) ([]billableLine, error) {
	var out []billableLine
	err := idb.NewRaw(`SELECT l.id AS line_id, k.id AS contract_id, k.number, k.order_id, k.customer_id, k.start_date,
			k.end_date, k.terms_profile, l.description, l.quantity, l.unit, l.fee, l.fee_since, l.period, l.vat_rate, l.billed_until,
			(SELECT c.language FROM customers AS c WHERE c.id = k.customer_id) AS language
		FROM contract_lines l JOIN contracts k ON k.id = l.contract_id
		WHERE (l.billed_until IS NULL OR l.billed_until < ?) AND (k.end_date IS NULL OR l.billed_until IS NULL OR l.billed_until < k.end_date)
		  AND k.start_date <= ? AND l.id > ?
		ORDER BY l.id LIMIT ? FOR UPDATE OF l SKIP LOCKED`, horizon, horizon, afterID, limit).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("orders: contract lines to bill: %w", err)
	}
	return out, nil
}

// lineForBilling locks one contract line of a contract for billing (termination, Q-9).
func contractLinesForBilling(ctx context.Context, idb bun.IDB, contractID int64) ([]billableLine, error) {
	var out []billableLine
	err := idb.NewRaw(`SELECT l.id AS line_id, k.id AS contract_id, k.number, k.order_id, k.customer_id, k.start_date,
			k.end_date, k.terms_profile, l.description, l.quantity, l.unit, l.fee, l.fee_since, l.period, l.vat_rate, l.billed_until,
			(SELECT c.language FROM customers AS c WHERE c.id = k.customer_id) AS language
		FROM contract_lines l JOIN contracts k ON k.id = l.contract_id
		WHERE k.id = ? ORDER BY l.id FOR UPDATE OF l`, contractID).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("orders: contract lines of %d: %w", contractID, err)
	}
	return out, nil
}

// feeChanges returns a line's fee changes effective after date, oldest first: the fee in
// force on date is the old fee of the first of them (IDX-1 applies from 1 January).
func feeChangesAfter(ctx context.Context, idb bun.IDB, lineID int64, date civil.Date) ([]decimal.Decimal, error) {
	var rows []struct {
		OldFee decimal.Decimal `bun:"old_fee"`
	}
	err := idb.NewSelect().Table("contract_fee_changes").Column("old_fee").
		Where("contract_line_id = ? AND effective > ?", lineID, date).Order("effective").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("orders: fee history of line %d: %w", lineID, err)
	}
	olds := make([]decimal.Decimal, len(rows))
	for i, r := range rows {
		olds[i] = r.OldFee
	}
	return olds, nil
}

// markBilled records how far a line's periods are charged.
func markBilled(ctx context.Context, idb bun.IDB, lineID int64, until civil.Date) error {
	_, err := idb.NewUpdate().Table("contract_lines").Set("billed_until = ?", until).Where("id = ?", lineID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("orders: mark line %d billed: %w", lineID, err)
	}
	return nil
}

// standardRate reads one standard rate by SKU.
func standardRate(ctx context.Context, idb bun.IDB, sku string) (StandardRate, bool, error) {
	var row standardRateRow
	err := idb.NewSelect().Model(&row).Where("sku = ?", sku).Scan(ctx)
	if db.IsNoRows(err) {
		return StandardRate{}, false, nil
	}
	if err != nil {
		return StandardRate{}, false, fmt.Errorf("orders: standard rate %s: %w", sku, err)
	}
	return row.rate(), true, nil
}
