package invoices

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/audit"
	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/money"
	"backoffice/internal/problem"
)

// Service holds the invoice use cases; each runs in one transaction.
type Service struct {
	DB           bun.IDB // the database, or a transaction (demo seed) — RunInTx then uses a savepoint
	Clock        clock.Clock
	Supplier     Supplier
	NumberFormat string // invoice series, e.g. {year}-{seq:5}
	CreditFormat string // credit note series, e.g. C{year}-{seq:5}
	BaseURL      string
}

// NewService builds the service from the configuration (company details, number formats).
func NewService(db *bun.DB, clk clock.Clock, cfg *config.Config) *Service {
	s := &Service{DB: db, Clock: clk, NumberFormat: "{year}-{seq:5}", CreditFormat: "C{year}-{seq:5}"}
	if cfg != nil {
		s.Supplier = Supplier{Name: cfg.CompanyName, Address: cfg.CompanyAddress, KvK: cfg.CompanyKvK, VATID: cfg.CompanyVATID, IBAN: cfg.CompanyIBAN, BIC: cfg.CompanyBIC}
		if cfg.InvoiceNumberFormat != "" {
			s.NumberFormat = cfg.InvoiceNumberFormat
		}
		if cfg.CreditNoteNumberFormat != "" {
			s.CreditFormat = cfg.CreditNoteNumberFormat
		}
		s.BaseURL = cfg.PublicURL
	}
	return s
}

// Today is the date in Amsterdam.
func (s *Service) Today() civil.Date { return civil.In(s.Clock.Now(), clock.Amsterdam) }

// DraftIn makes a draft from open charges: the given ones, or every open charge of the
// customer billable on or before Until (default today).
type DraftIn struct {
	CustomerID int64
	ChargeIDs  []int64
	Until      *civil.Date
	Agreement  *billing.Agreement // only this agreement's charges (grouping per agreement)
	RunID      *int64
}

func lineOf(c *billing.Charge, pos int) Line {
	id := c.ID
	bo := c.BillableOn
	return Line{InvoiceID: *c.InvoiceID, Position: pos, ChargeID: &id, Description: c.Description, LineKind: c.LineKind,
		Quantity: c.Quantity, Unit: c.Unit, UnitPrice: c.UnitPrice, VATRate: c.VATRate, VATCategory: CatStandard,
		Net: c.Net(), PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, BillableOn: &bo,
		SourceDomain: c.SourceDomain, SourceKind: c.SourceKind, SourceID: c.SourceID, AgreementKind: c.AgreementKind, AgreementID: c.AgreementID}
}

// CreateDraft makes a draft invoice (no number) and reserves its charges.
func (s *Service) CreateDraft(ctx context.Context, in DraftIn) (*Document, error) {
	now := s.Clock.Now()
	var doc *Document
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		cust, err := getCustomer(ctx, tx, in.CustomerID)
		if err != nil {
			return problem.Invalid("customer_id", "no such customer")
		}
		inv := &Invoice{CustomerID: cust.ID, Status: Draft, PaymentTermDays: DefaultPaymentTermDays, Language: cust.Language,
			RunID: in.RunID, CreatedAt: now, UpdatedAt: now}
		if in.Agreement != nil {
			inv.AgreementKind, inv.AgreementID = &in.Agreement.Kind, &in.Agreement.ID
		}
		if err := insertInvoice(ctx, tx, inv); err != nil {
			return err
		}
		ids := in.ChargeIDs
		if ids == nil {
			until := s.Today()
			if in.Until != nil {
				until = *in.Until
			}
			open, err := billing.OpenUntil(ctx, tx, cust.ID, until)
			if err != nil {
				return err
			}
			for _, c := range open {
				if in.Agreement == nil || (c.AgreementKind == in.Agreement.Kind && c.AgreementID == in.Agreement.ID) {
					ids = append(ids, c.ID)
				}
			}
		}
		charges, err := billing.Reserve(ctx, tx, now, inv.ID, cust.ID, ids)
		if err != nil {
			return err
		}
		lines := make([]Line, len(charges))
		for i := range charges {
			lines[i] = lineOf(&charges[i], i+1)
		}
		if err := insertLines(ctx, tx, lines); err != nil {
			return err
		}
		doc = &Document{Invoice: inv, Lines: lines}
		s.preview(doc)
		return audit.Record(ctx, tx, now, "invoice", inv.ID, "create_draft", map[string]any{"customer_id": cust.ID, "lines": len(lines),
			"net": money.String(inv.Net)})
	})
	return doc, err
}

// ManualLine is a line added by hand to a draft.
type ManualLine struct {
	Description string
	LineKind    string
	Quantity    decimal.Decimal
	Unit        string
	UnitPrice   decimal.Decimal
	VATRate     string
}

// DraftPatch edits a draft: note, purchase-order reference, lines added, lines (and
// their charges) removed.
type DraftPatch struct {
	Note          *string
	PurchaseOrder *string
	AddLines      []ManualLine
	RemoveLineIDs []int64
}

func (p *DraftPatch) check() error {
	var f problem.Fields
	if p.Note != nil && len(*p.Note) > 2000 {
		f.Add("note", "must be at most 2000 characters")
	}
	if p.PurchaseOrder != nil && len(*p.PurchaseOrder) > 100 {
		f.Add("purchase_order", "must be at most 100 characters")
	}
	for i, l := range p.AddLines {
		at := func(k string) string { return fmt.Sprintf("add_lines[%d].%s", i, k) }
		if d := strings.TrimSpace(l.Description); d == "" || len(d) > 500 {
			f.Add(at("description"), "is required (at most 500 characters)")
		}
		if l.LineKind != billing.Goods && l.LineKind != billing.Services {
			f.Add(at("line_kind"), "must be goods or services")
		}
		if l.Quantity.IsZero() {
			f.Add(at("quantity"), "must not be 0")
		} else if l.Quantity.Exponent() < -4 && !l.Quantity.Equal(l.Quantity.Round(4)) {
			f.Add(at("quantity"), "must have at most 4 decimals")
		}
		if !l.UnitPrice.Equal(l.UnitPrice.Round(2)) {
			f.Add(at("unit_price"), "must have at most 2 decimals")
		}
		switch l.VATRate {
		case billing.VAT21, billing.VAT9, billing.VAT0, billing.VATExempt:
		default:
			f.Add(at("vat_rate"), "must be 21, 9, 0 or exempt")
		}
		if u := strings.TrimSpace(l.Unit); len(u) > 20 {
			f.Add(at("unit"), "must be at most 20 characters")
		}
	}
	return f.Err()
}

// UpdateDraft applies a patch to a draft; an issued invoice answers ErrImmutable.
func (s *Service) UpdateDraft(ctx context.Context, id int64, p DraftPatch) (*Document, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	var doc *Document
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv, err := getInvoice(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if inv.Status != Draft {
			return ErrImmutable
		}
		lines, err := linesOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(p.RemoveLineIDs) > 0 {
			var keep []Line
			var charges []int64
			drop := map[int64]bool{}
			for _, l := range p.RemoveLineIDs {
				drop[l] = true
			}
			var f problem.Fields
			for i, lid := range p.RemoveLineIDs {
				found := false
				for _, l := range lines {
					found = found || l.ID == lid
				}
				if !found {
					f.Add(fmt.Sprintf("remove_line_ids[%d]", i), "is not a line of this invoice")
				}
			}
			if err := f.Err(); err != nil {
				return err
			}
			for _, l := range lines {
				if drop[l.ID] {
					if l.ChargeID != nil {
						charges = append(charges, *l.ChargeID)
					}
					continue
				}
				keep = append(keep, l)
			}
			if err := deleteLines(ctx, tx, id, p.RemoveLineIDs); err != nil {
				return err
			}
			if len(charges) > 0 {
				if err := billing.Release(ctx, tx, now, id, charges); err != nil {
					return err
				}
			}
			lines = keep
		}
		next := 1
		for _, l := range lines {
			if l.Position >= next {
				next = l.Position + 1
			}
		}
		var added []Line
		for _, m := range p.AddLines {
			unit := strings.TrimSpace(m.Unit)
			if unit == "" {
				unit = "piece"
			}
			added = append(added, Line{InvoiceID: id, Position: next, Description: strings.TrimSpace(m.Description), LineKind: m.LineKind,
				Quantity: m.Quantity, Unit: unit, UnitPrice: m.UnitPrice, VATRate: m.VATRate, VATCategory: CatStandard, Net: LineNet(m.Quantity, m.UnitPrice)})
			next++
		}
		if err := insertLines(ctx, tx, added); err != nil {
			return err
		}
		lines = append(lines, added...)
		before := *inv
		if p.Note != nil {
			inv.Note = strings.TrimSpace(*p.Note)
		}
		if p.PurchaseOrder != nil {
			inv.PurchaseOrder = strings.TrimSpace(*p.PurchaseOrder)
		}
		inv.UpdatedAt = now
		if err := saveInvoice(ctx, tx, inv); err != nil {
			return err
		}
		doc = &Document{Invoice: inv, Lines: lines}
		s.preview(doc)
		return audit.Record(ctx, tx, now, "invoice", id, "update_draft", draftChanges(before, *inv, added, len(p.RemoveLineIDs)))
	})
	return doc, err
}

// DeleteDraft deletes a draft; its charges are open again. A numbered invoice is never
// deleted.
func (s *Service) DeleteDraft(ctx context.Context, id int64) error {
	now := s.Clock.Now()
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inv, err := getInvoice(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if inv.Status != Draft {
			return ErrImmutable
		}
		if err := billing.Release(ctx, tx, now, id, nil); err != nil {
			return err
		}
		if err := deleteInvoice(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, "invoice", id, "delete_draft", map[string]any{"customer_id": inv.CustomerID})
	})
}

// preview prices a draft as it would be issued today (categories from the customer as
// it is now), without saving; issued invoices are left as they are.
func (s *Service) preview(doc *Document) {
	if doc.Invoice.Status == Draft {
		PriceInvoice(doc.Invoice, doc.Lines)
	}
}

// Get reads an invoice with its lines (drafts priced as a preview).
func (s *Service) Get(ctx context.Context, id int64) (*Document, error) {
	inv, err := getInvoice(ctx, s.DB, id, false)
	if err != nil {
		return nil, err
	}
	lines, err := linesOf(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	doc := &Document{Invoice: inv, Lines: lines}
	if inv.Status == Draft {
		if c, err := getCustomer(ctx, s.DB, inv.CustomerID); err == nil {
			snapshot(inv, c)
		}
		s.preview(doc)
	}
	return doc, nil
}

// List returns invoices newest first.
func (s *Service) List(ctx context.Context, f Filter) ([]Invoice, error) {
	f.Today = s.Today()
	out, err := listInvoices(ctx, s.DB, f)
	if err != nil {
		return nil, err
	}
	return out, previewDrafts(ctx, s.DB, out)
}

// previewDrafts gives the drafts of a list page what their page shows (Get): the customer
// as it is now (a draft has no frozen copy yet) and the totals of their lines priced for
// that buyer, not an empty name and "€ 0,00"; two queries for the page's drafts, none when
// the page has none.
func previewDrafts(ctx context.Context, idb bun.IDB, invs []Invoice) error {
	var ids, customerIDs []int64
	for _, inv := range invs {
		if inv.Status == Draft {
			ids = append(ids, inv.ID)
			customerIDs = append(customerIDs, inv.CustomerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	lines, err := linesOf(ctx, idb, ids...)
	if err != nil {
		return err
	}
	byID, err := customers(ctx, idb, customerIDs)
	if err != nil {
		return err
	}
	byInvoice := map[int64][]Line{}
	for _, l := range lines {
		byInvoice[l.InvoiceID] = append(byInvoice[l.InvoiceID], l)
	}
	for i := range invs {
		if inv := &invs[i]; inv.Status == Draft {
			if c, ok := byID[inv.CustomerID]; ok {
				snapshot(inv, c) // as Get does: the VAT of a line depends on the buyer
			}
			PriceInvoice(inv, byInvoice[inv.ID])
		}
	}
	return nil
}

// draftChanges is what an edit of a draft changed, as the audit log shows it: the note and
// the purchase order before → after, the descriptions of the lines added and how many
// lines were removed (not the whole invoice record, whose totals follow from the lines).
func draftChanges(before, after Invoice, added []Line, removed int) map[string]any {
	out := map[string]any{}
	for k, c := range audit.Diff(map[string]string{"note": before.Note, "purchase_order": before.PurchaseOrder},
		map[string]string{"note": after.Note, "purchase_order": after.PurchaseOrder}) {
		out[k] = c
	}
	if len(added) > 0 {
		descs := make([]string, len(added))
		for i, l := range added {
			descs[i] = l.Description
		}
		out["lines_added"] = descs
	}
	if removed > 0 {
		out["lines_removed"] = removed
	}
	return out
}
