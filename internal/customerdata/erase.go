package customerdata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// Errors of the destruction.
var (
	ErrRunningAgreement = problem.Conflict("running_agreement", "the customer still has a running agreement; end it first")
	ErrNotConfirmed     = problem.Invalid("confirm", "type the customer's exact name to confirm the destruction")
	ErrAlreadyErased    = problem.Conflict("already_erased", "this customer's data was already destroyed")
)

// EraseInput confirms a destruction.
type EraseInput struct {
	Confirm string `json:"confirm" validate:"required,max=200"`
	Reason  string `json:"reason" validate:"required,min=3,max=1000"`
}

// Erase destroys a former customer's personal data (see the package comment) in one
// transaction and returns its record.
func Erase(ctx context.Context, db bun.IDB, customerID int64, in EraseInput, by *auth.Principal, now time.Time, loc *time.Location) (*Erasure, error) {
	defer auth.Forget() // after the commit: the erased contacts' cached logins
	var rec *Erasure
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var name string
		if err := tx.NewRaw("SELECT name FROM customers WHERE id = ? FOR UPDATE", customerID).Scan(ctx, &name); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return problem.NotFound("customer")
			}
			return err
		}
		var done int
		if err := tx.NewRaw("SELECT count(*) FROM customer_erasures WHERE customer_id = ?", customerID).Scan(ctx, &done); err != nil {
			return err
		}
		if done > 0 {
			return ErrAlreadyErased
		}
		if strings.TrimSpace(in.Confirm) != name {
			return ErrNotConfirmed
		}
		running, err := RunningAgreements(ctx, tx, customerID, civil.In(now, loc))
		if err != nil {
			return err
		}
		if len(running) > 0 {
			return fmt.Errorf("%w: %s", ErrRunningAgreement, strings.Join(running, ", "))
		}
		rec = &Erasure{CustomerID: customerID, ErasedAt: now, ErasedBy: by.UserID, Reason: in.Reason, Erased: map[string]int{}, Kept: map[string]int{}}
		// Contacts: anonymised, deactivated, every session and token revoked.
		var users []int64
		if err := tx.NewRaw("SELECT id FROM users WHERE customer_id = ?", customerID).Scan(ctx, &users); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for _, id := range users {
			if _, err := tx.NewRaw(`UPDATE users SET name = 'Erased contact', email = ?, active = false, password_hash = '!', blocked_reason = NULL, updated_at = ? WHERE id = ?`,
				fmt.Sprintf("erased-%d@erased.invalid", id), now, id).Exec(ctx); err != nil {
				return err
			}
			if err := auth.RevokeAll(ctx, tx, id, now); err != nil {
				return err
			}
		}
		rec.Erased["users"] = len(users)
		// Uploads (photos, documents): deleted.
		if ok, err := tableExists(ctx, tx, "uploads"); err != nil {
			return err
		} else if ok {
			res, err := tx.NewRaw("DELETE FROM uploads WHERE customer_id = ?", customerID).Exec(ctx)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			rec.Erased["uploads"] = int(n)
		}
		// Free text the domains keep about the customer (ticket threads, defect reports …):
		// each domain erases its own through RegisterEraser.
		for _, e := range erasersSorted() {
			n, err := e.fn(ctx, tx, customerID, now)
			if err != nil {
				return fmt.Errorf("customerdata: erase %s: %w", e.name, err)
			}
			rec.Erased[e.name] = n
		}
		// The company itself: anonymised (the row stays: kept invoices refer to it).
		if _, err := tx.NewRaw(`UPDATE customers SET name = ?, kvk_number = NULL, vat_id = NULL, street = '', postal_code = '', city = '',
			billing_email = NULL, updated_at = ? WHERE id = ?`, fmt.Sprintf("Erased customer %d", customerID), now, customerID).Exec(ctx); err != nil {
			return err
		}
		rec.Erased["customers"] = 1
		// What the law makes us keep, counted and explained.
		var reasons []string
		for table, why := range RetentionTables {
			if why == "" {
				continue
			}
			if ok, err := tableExists(ctx, tx, table); err != nil {
				return err
			} else if !ok {
				continue
			}
			var n int
			if err := tx.NewRaw(fmt.Sprintf("SELECT count(*) FROM %s WHERE customer_id = ?", bun.Ident(table)), customerID).Scan(ctx, &n); err != nil {
				return err
			}
			if n > 0 {
				rec.Kept[table] = n
				reasons = append(reasons, table+": "+why)
			}
		}
		rec.KeptReason = strings.Join(reasons, "; ")
		if _, err := tx.NewInsert().Model(rec).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "customer", customerID, "erase", map[string]any{"reason": in.Reason, "erased": rec.Erased, "kept": rec.Kept, "kept_reason": rec.KeptReason})
	})
	return rec, err
}
