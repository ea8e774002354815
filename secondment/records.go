package secondment

import (
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// Placement is a technician seconded to a customer (SEC-1) at an hourly rate, for a
// period that is open-ended when it has no end date (SEC-2), priced by its own band table
// and business calendar (SEC-3).
type Placement struct {
	bun.BaseModel `bun:"table:placements"`

	ID               int64           `bun:"id,pk,autoincrement"`
	CustomerID       int64           `bun:"customer_id"`
	TechnicianID     int64           `bun:"technician_id"`
	Role             string          `bun:"role"`
	HourlyRate       decimal.Decimal `bun:"hourly_rate"`
	KmRate           decimal.Decimal `bun:"km_rate"`
	StartDate        civil.Date      `bun:"start_date"`
	EndDate          civil.Date      `bun:"end_date"`
	CalendarID       string          `bun:"calendar_id"`
	Bands            BandTable       `bun:"bands,type:jsonb"`
	NoticeMonths     int             `bun:"notice_months"`
	NoticeReceivedAt *time.Time      `bun:"notice_received_at"`
	NoticeDeemedOn   civil.Date      `bun:"notice_deemed_on"`
	CreatedAt        time.Time       `bun:"created_at"`
	UpdatedAt        time.Time       `bun:"updated_at"`

	// Filled by list queries for display.
	CustomerName   string `bun:"customer_name,scanonly"`
	TechnicianName string `bun:"technician_name,scanonly"`
}

// Period is the placement's run.
func (p *Placement) Period() Period { return Period{Start: p.StartDate, End: p.EndDate} }

// Replacement records that one technician replaced another on a placement (SEC-1).
type Replacement struct {
	bun.BaseModel `bun:"table:placement_replacements"`

	ID               int64             `bun:"id,pk,autoincrement"`
	PlacementID      int64             `bun:"placement_id"`
	FromTechnicianID int64             `bun:"from_technician_id"`
	ToTechnicianID   int64             `bun:"to_technician_id"`
	Reason           ReplacementReason `bun:"reason"`
	RequestedBy      Requester         `bun:"requested_by"`
	ConsultedOn      civil.Date        `bun:"consulted_on"`
	ConsultationNote string            `bun:"consultation_note"`
	ActorID          *int64            `bun:"actor_id"`
	CreatedAt        time.Time         `bun:"created_at"`

	// Filled by the history query for display.
	FromTechnicianName string `bun:"from_technician_name,scanonly"`
	ToTechnicianName   string `bun:"to_technician_name,scanonly"`
}

// HourEntry is a stretch of work logged by the technician of a placement, priced when it
// is logged or edited; the segments keep the band split the amount came from (SEC-3).
type HourEntry struct {
	bun.BaseModel `bun:"table:hour_entries"`

	ID           int64           `bun:"id,pk,autoincrement"`
	PlacementID  int64           `bun:"placement_id"`
	TechnicianID int64           `bun:"technician_id"`
	StartedAt    time.Time       `bun:"started_at"`
	EndedAt      time.Time       `bun:"ended_at"`
	Month        civil.Date      `bun:"month"`
	Description  string          `bun:"description"`
	Status       EntryStatus     `bun:"status"`
	HourlyRate   decimal.Decimal `bun:"hourly_rate"`
	Minutes      int             `bun:"minutes"`
	Amount       decimal.Decimal `bun:"amount"`
	Segments     []Segment       `bun:"segments,type:jsonb"`
	DecidedBy    *int64          `bun:"decided_by"`
	DecidedAt    *time.Time      `bun:"decided_at"`
	RejectReason *string         `bun:"reject_reason"`
	CreatedAt    time.Time       `bun:"created_at"`
	UpdatedAt    time.Time       `bun:"updated_at"`

	// Filled by list queries for display.
	TechnicianName string `bun:"technician_name,scanonly"`
	CustomerID     int64  `bun:"customer_id,scanonly"`
	CustomerName   string `bun:"customer_name,scanonly"`
}

// statementEntry is the entry as the statement counts it.
func (e *HourEntry) statementEntry() StatementEntry {
	return StatementEntry{ID: e.ID, TechnicianID: e.TechnicianID, HourlyRate: e.HourlyRate, Status: e.Status, StartedAt: e.StartedAt, EndedAt: e.EndedAt,
		Description: e.Description, Minutes: e.Minutes, Amount: e.Amount, Segments: e.Segments}
}

// Expense is a travel, lodging or other cost claimed on a placement (SEC-4).
type Expense struct {
	bun.BaseModel `bun:"table:placement_expenses"`

	ID          int64            `bun:"id,pk,autoincrement"`
	PlacementID int64            `bun:"placement_id"`
	Date        civil.Date       `bun:"date"`
	Kind        ExpenseKind      `bun:"kind"`
	KM          *decimal.Decimal `bun:"km"`
	Amount      decimal.Decimal  `bun:"amount"`
	Description string           `bun:"description"`
	CreatedBy   *int64           `bun:"created_by"`
	CreatedAt   time.Time        `bun:"created_at"`
}

func (x *Expense) statementExpense() StatementExpense {
	out := StatementExpense{ID: x.ID, Date: x.Date, Kind: x.Kind, Description: x.Description, Amount: x.Amount}
	if x.KM != nil {
		s := x.KM.StringFixed(1)
		out.KM = &s
	}
	return out
}

// FinalStatement is a closed month: the snapshot invoicing bills, never changed again.
type FinalStatement struct {
	bun.BaseModel `bun:"table:placement_statements"`

	ID             int64           `bun:"id,pk,autoincrement"`
	PlacementID    int64           `bun:"placement_id"`
	Month          civil.Date      `bun:"month"`
	Minutes        int             `bun:"minutes"`
	HoursAmount    decimal.Decimal `bun:"hours_amount"`
	ExpensesAmount decimal.Decimal `bun:"expenses_amount"`
	Total          decimal.Decimal `bun:"total"`
	Snapshot       Statement       `bun:"snapshot,type:jsonb"`
	ClosedBy       *int64          `bun:"closed_by"`
	ClosedAt       time.Time       `bun:"closed_at"`
}

// Hours formats the entry's minutes as h:mm for pages.
func (e HourEntry) Hours() string { return HoursMinutes(e.Minutes) }
