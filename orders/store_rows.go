package orders

import (
	"encoding/json"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// quoteRow is the quotes table.
type quoteRow struct {
	bun.BaseModel `bun:"table:quotes,alias:q"`

	ID                  int64            `bun:"id,pk,autoincrement"`
	Number              string           `bun:"number"`
	Version             int              `bun:"version"`
	CustomerID          int64            `bun:"customer_id"`
	Title               string           `bun:"title"`
	Status              string           `bun:"status"`
	ValidDays           int              `bun:"valid_days"`
	Cancellable         bool             `bun:"cancellable"`
	FixedPrice          bool             `bun:"fixed_price"`
	AdvancePayment      bool             `bun:"advance_payment"`
	LeadTimeDays        int              `bun:"lead_time_days"`
	StartDate           civil.Date       `bun:"start_date,type:date,nullzero"`
	TermsProfile        string           `bun:"terms_profile"`
	InitialTermMonths   int              `bun:"initial_term_months"`
	RenewalTermMonths   int              `bun:"renewal_term_months"`
	NoticeMonths        int              `bun:"notice_months"`
	NoticeDays          int              `bun:"notice_days"`
	NoticeMethod        string           `bun:"notice_method"`
	PriceChangeRule     string           `bun:"price_change_rule"`
	RenewWithInitial    bool             `bun:"renew_with_initial"`
	IndexMethod         string           `bun:"index_method"`
	IndexSeries         *string          `bun:"index_series"`
	IndexReferenceMonth int              `bun:"index_reference_month"`
	IndexFloor          *decimal.Decimal `bun:"index_floor,type:numeric"`
	IndexCap            *decimal.Decimal `bun:"index_cap,type:numeric"`
	IndexFixedPercent   decimal.Decimal  `bun:"index_fixed_percent,type:numeric"`
	Net                 decimal.Decimal  `bun:"net,type:numeric"`
	VAT                 decimal.Decimal  `bun:"vat,type:numeric"`
	Gross               decimal.Decimal  `bun:"gross,type:numeric"`
	CreatedBy           *int64           `bun:"created_by"`
	ContactID           *int64           `bun:"contact_id"`
	CreatedAt           time.Time        `bun:"created_at"`
	UpdatedAt           time.Time        `bun:"updated_at"`
	SentAt              *time.Time       `bun:"sent_at"`
	ValidUntil          civil.Date       `bun:"valid_until,type:date,nullzero"`
	AcceptedAt          *time.Time       `bun:"accepted_at"`
	AcceptedBy          *string          `bun:"accepted_by"`
	AcceptanceMethod    *string          `bun:"acceptance_method"`
	AcceptedByUser      *int64           `bun:"accepted_by_user"`
	SignedUploadID      *int64           `bun:"signed_upload_id"`
	DeclinedAt          *time.Time       `bun:"declined_at"`
	DeclineReason       *string          `bun:"decline_reason"`
	ReminderSentAt      *time.Time       `bun:"reminder_sent_at"`

	CustomerName string `bun:"customer_name,scanonly"`
	OrderID      int64  `bun:"order_id,scanonly"`
	ContractID   int64  `bun:"contract_id,scanonly"`
	// LinesJSON are the lines a create inserted with the quote (insertNewQuote).
	LinesJSON json.RawMessage `bun:"lines_json,scanonly"`
}

// lineRow is a priced line in quote_lines or order_lines (same columns, plus a link).
type lineRow struct {
	ID          int64           `bun:"id,pk,autoincrement" json:"id"`
	Position    int             `bun:"position" json:"position"`
	Kind        string          `bun:"kind" json:"kind"`
	Description string          `bun:"description" json:"description"`
	Quantity    decimal.Decimal `bun:"quantity,type:numeric" json:"quantity"`
	Unit        string          `bun:"unit" json:"unit"`
	UnitPrice   decimal.Decimal `bun:"unit_price,type:numeric" json:"unit_price"`
	VATRate     decimal.Decimal `bun:"vat_rate,type:numeric" json:"vat_rate"`
	Period      *string         `bun:"period" json:"period"`
	SKU         string          `bun:"sku" json:"sku"`
	LineTotal   decimal.Decimal `bun:"line_total,type:numeric" json:"line_total"`
}

type quoteLineRow struct {
	bun.BaseModel `bun:"table:quote_lines,alias:ql"`
	lineRow
	QuoteID int64 `bun:"quote_id"`
}

type orderLineRow struct {
	bun.BaseModel `bun:"table:order_lines,alias:ol"`
	lineRow
	OrderID     int64 `bun:"order_id"`
	QuoteLineID int64 `bun:"quote_line_id"`
}

func toLineRow(l Line) lineRow {
	r := lineRow{ID: l.ID, Position: l.Position, Kind: string(l.Kind), Description: l.Description, Quantity: l.Quantity,
		Unit: l.Unit, UnitPrice: l.UnitPrice, VATRate: l.VATRate, SKU: l.SKU, LineTotal: l.Total()}
	if l.Period != "" {
		p := string(l.Period)
		r.Period = &p
	}
	return r
}

func (r lineRow) line() Line {
	l := Line{ID: r.ID, Position: r.Position, Kind: LineKind(r.Kind), Description: r.Description, Quantity: r.Quantity,
		Unit: r.Unit, UnitPrice: r.UnitPrice, VATRate: r.VATRate, SKU: r.SKU}
	if r.Period != nil {
		l.Period = Period(*r.Period)
	}
	return l
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func toQuoteRow(q *Quote, now time.Time) *quoteRow {
	t := ComputeTotals(q.Lines)
	r := &quoteRow{
		ID: q.ID, Number: q.Number, Version: q.Version, CustomerID: q.CustomerID, Title: q.Title, Status: string(q.Status),
		ValidDays: q.ValidDays, Cancellable: q.Cancellable, FixedPrice: q.FixedPrice, AdvancePayment: q.AdvancePayment,
		LeadTimeDays: q.LeadTimeDays, StartDate: q.StartDate,
		TermsProfile: q.Terms.Profile, InitialTermMonths: q.Terms.InitialTermMonths, RenewalTermMonths: q.Terms.RenewalTermMonths,
		NoticeMonths: q.Terms.NoticeMonths, NoticeDays: q.Terms.NoticeDays, NoticeMethod: string(q.Terms.NoticeMethod),
		PriceChangeRule: string(q.Terms.PriceChangeRule), RenewWithInitial: q.Terms.RenewWithInitialTerm,
		IndexMethod: string(q.Indexation.Method), IndexSeries: strPtr(q.Indexation.SeriesCode),
		IndexReferenceMonth: q.Indexation.ReferenceMonth, IndexFloor: q.Indexation.Floor, IndexCap: q.Indexation.Cap,
		IndexFixedPercent: q.Indexation.FixedPercent,
		Net:               t.Net, VAT: t.VAT, Gross: t.Gross,
		CreatedAt: q.CreatedAt, UpdatedAt: now, SentAt: q.SentAt, ValidUntil: q.ValidUntil, ContactID: q.ContactID,
	}
	if q.CreatedBy != 0 {
		r.CreatedBy = &q.CreatedBy
	}
	if a := q.Acceptance; a != nil {
		m := string(a.Method)
		r.AcceptedAt, r.AcceptedBy, r.AcceptanceMethod = &a.At, &a.AcceptedBy, &m
		if a.UserID != 0 {
			r.AcceptedByUser = &a.UserID
		}
		if a.SignedFileID != 0 {
			r.SignedUploadID = &a.SignedFileID
		}
	}
	if d := q.Declined; d != nil {
		r.DeclinedAt, r.DeclineReason = &d.At, &d.Reason
	}
	return r
}

func (r *quoteRow) quote(lines []Line) *Quote {
	q := &Quote{
		ID: r.ID, Number: r.Number, Version: r.Version, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
		OrderID: r.OrderID, ContractID: r.ContractID,
		Title: r.Title, Status: QuoteStatus(r.Status), ValidDays: r.ValidDays, Cancellable: r.Cancellable,
		FixedPrice: r.FixedPrice, AdvancePayment: r.AdvancePayment, LeadTimeDays: r.LeadTimeDays, StartDate: r.StartDate,
		Terms: ContractTerms{Profile: r.TermsProfile, InitialTermMonths: r.InitialTermMonths, RenewalTermMonths: r.RenewalTermMonths,
			NoticeMonths: r.NoticeMonths, NoticeDays: r.NoticeDays, NoticeMethod: NoticeMethod(r.NoticeMethod),
			PriceChangeRule: PriceChangeRule(r.PriceChangeRule), RenewWithInitialTerm: r.RenewWithInitial},
		Indexation: IndexationClause{Method: IndexMethod(r.IndexMethod), SeriesCode: deref(r.IndexSeries),
			ReferenceMonth: r.IndexReferenceMonth, Floor: r.IndexFloor, Cap: r.IndexCap, FixedPercent: r.IndexFixedPercent},
		Lines: lines, CreatedAt: r.CreatedAt, SentAt: r.SentAt, ValidUntil: r.ValidUntil,
		StoredTotals: &StoredTotals{Net: r.Net, VAT: r.VAT, Gross: r.Gross}, ContactID: r.ContactID,
	}
	if r.CreatedBy != nil {
		q.CreatedBy = *r.CreatedBy
	}
	if r.AcceptedAt != nil {
		q.Acceptance = &Acceptance{At: *r.AcceptedAt, AcceptedBy: deref(r.AcceptedBy), Method: AcceptanceMethod(deref(r.AcceptanceMethod))}
		if r.AcceptedByUser != nil {
			q.Acceptance.UserID = *r.AcceptedByUser
		}
		if r.SignedUploadID != nil {
			q.Acceptance.SignedFileID = *r.SignedUploadID
		}
	}
	if r.DeclinedAt != nil {
		q.Declined = &Decline{At: *r.DeclinedAt, Reason: deref(r.DeclineReason)}
	}
	return q
}
