package receivables

import (
	"context"
	"io"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

// ImportResult tells what a statement import did.
type ImportResult struct {
	StatementID int64
	Credits     int // credit entries in the file
	Added       int // new entries (the rest were imported before)
	Matched     int // new entries that became payments
	Unmatched   int // new entries waiting for an account manager
}

// ImportStatement reads a CAMT.053 file: every new credit entry becomes a payment on the
// invoice its remittance names, or waits unmatched; known entry references add nothing.
func (s *Service) ImportStatement(ctx context.Context, filename string, r io.Reader) (*ImportResult, error) {
	credits, err := ParseCAMT053(r)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Credits: len(credits)}
	err = s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := &statementRow{Filename: filename, Credits: len(credits), UploadedBy: userID(ctx), CreatedAt: s.now()}
		if len(credits) > 0 {
			st.Account = credits[0].Account
		}
		if err := insertStatement(ctx, tx, st); err != nil {
			return err
		}
		res.StatementID = st.ID
		open, err := invoicesOf(ctx, tx, 0, true, false)
		if err != nil {
			return err
		}
		items := make([]OpenItem, len(open))
		for i, inv := range open {
			items[i] = OpenItem{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Number: inv.Number, PaymentRef: inv.PaymentReference,
				IssueDate: inv.IssueDate, DueDate: inv.DueDate}
		}
		for _, c := range credits {
			if c.Currency != "EUR" {
				continue
			}
			e := &BankEntry{StatementID: st.ID, Ref: c.Ref, Account: c.Account, BookedOn: c.BookedOn, Amount: c.Amount, Currency: c.Currency,
				DebtorName: c.Debtor, DebtorIBAN: c.DebtorIBAN, Remittance: c.Remittance, CreatedAt: s.now()}
			added, err := insertEntry(ctx, tx, e)
			if err != nil {
				return err
			}
			if !added {
				continue
			}
			res.Added++
			it, ok := MatchReference(c.Remittance, items)
			if !ok {
				res.Unmatched++
				continue
			}
			if err := s.entryToPayment(ctx, tx, e, it.CustomerID, it.InvoiceID); err != nil {
				return err
			}
			res.Matched++
		}
		st.Added = res.Added
		if err := updateStatementCounts(ctx, tx, st); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "bank_statement", st.ID, "import", map[string]any{
			"file": filename, "credits": res.Credits, "added": res.Added, "matched": res.Matched, "unmatched": res.Unmatched})
	})
	return res, err
}

func (s *Service) entryToPayment(ctx context.Context, tx bun.Tx, e *BankEntry, customerID, invoiceID int64) error {
	on := e.BookedOn
	if on.After(s.today()) {
		on = s.today()
	}
	ref := e.Remittance
	if len(ref) > 300 {
		ref = ref[:300]
	}
	pr, err := s.recordPayment(ctx, tx, NewPayment{CustomerID: customerID, Amount: e.Amount, ReceivedOn: on, Reference: ref,
		InvoiceID: invoiceID, Note: "bank " + e.Ref})
	if err != nil {
		return err
	}
	now := s.now()
	e.PaymentID, e.AssignedBy, e.AssignedAt = &pr.Payment.ID, userID(ctx), &now
	return setEntryPayment(ctx, tx, e)
}

// AssignEntry makes an unmatched bank entry a payment of a customer (and invoice).
func (s *Service) AssignEntry(ctx context.Context, id, customerID, invoiceID int64) (*BankEntry, error) {
	var e *BankEntry
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if e, err = getEntry(ctx, tx, id, true); err != nil {
			return err
		}
		if e.PaymentID != nil {
			return ErrEntryAssigned
		}
		if err := s.entryToPayment(ctx, tx, e, customerID, invoiceID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "bank_entry", e.ID, "assign", map[string]any{"customer_id": customerID, "invoice_id": invoiceID})
	})
	return e, err
}

// Entries lists a page of bank entries newest first (unmatched only, or all), before the
// cursor id; limit is one more than the page to show whether another follows.
func (s *Service) Entries(ctx context.Context, unmatched bool, beforeID int64, limit int) ([]BankEntry, error) {
	var rows []BankEntry
	err := s.EntriesInto(ctx, unmatched, beforeID, limit, &rows)
	return rows, err
}

// EntriesInto is Entries into *rows (a pooled page, see db.RowPool).
func (s *Service) EntriesInto(ctx context.Context, unmatched bool, beforeID int64, limit int, rows *[]BankEntry) error {
	return listEntries(ctx, s.d.DB, unmatched, beforeID, limit, rows)
}

// DisputeIn is a customer's objection.
type DisputeIn struct {
	Reason       string
	DisputedPart *decimal.Decimal
}

// Dispute records a dispute of an open invoice (INV-5): no reminders while it stands; under
// 003 raised within 10 days of the invoice date also no interest on the disputed part.
func (s *Service) Dispute(ctx context.Context, invoiceID int64, in DisputeIn, guard func(customerID int64) error) (*disputeRow, error) {
	var d *disputeRow
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv, err := getInvoice(ctx, tx, invoiceID, true)
		if err != nil {
			return err
		}
		if err := guard(inv.CustomerID); err != nil {
			return err
		}
		if inv.Status != "issued" {
			return ErrNotOpen
		}
		if in.DisputedPart != nil && (!in.DisputedPart.IsPositive() || in.DisputedPart.GreaterThan(inv.balance())) {
			return problem.Invalid("disputed_part", "must be greater than 0 and at most the open balance")
		}
		d = &disputeRow{InvoiceID: inv.ID, CustomerID: inv.CustomerID, Reason: in.Reason, DisputedPart: in.DisputedPart,
			RaisedOn: s.today(), RaisedBy: userID(ctx), CreatedAt: s.now()}
		if err := insertDispute(ctx, tx, d); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "invoice", inv.ID, "dispute", map[string]any{"reason": in.Reason, "disputed_part": in.DisputedPart})
	})
	return d, err
}

// Resolve ends the open dispute of an invoice; interest and reminders resume.
func (s *Service) Resolve(ctx context.Context, invoiceID int64, resolution string) (*disputeRow, error) {
	var d *disputeRow
	err := s.d.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := getInvoice(ctx, tx, invoiceID, true); err != nil {
			return err
		}
		var err error
		if d, err = openDispute(ctx, tx, invoiceID); err != nil {
			return err
		}
		today := s.today()
		if today.Before(d.RaisedOn) {
			today = d.RaisedOn
		}
		d.ResolvedOn, d.Resolution, d.ResolvedBy = &today, resolution, userID(ctx)
		if err := resolveDispute(ctx, tx, d); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.now(), "invoice", invoiceID, "resolve_dispute", map[string]any{"resolution": resolution})
	})
	return d, err
}

var _ = civil.Date{}
