package secondment

import (
	"backoffice/internal/httpx"
	"backoffice/internal/money"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
)

// PlacementIn is the body of POST /placements.
type PlacementIn struct {
	CustomerID   int64         `json:"customer_id" validate:"required,gt=0"`
	TechnicianID int64         `json:"technician_id" validate:"required,gt=0"`
	Role         string        `json:"role" validate:"required,max=200"`
	HourlyRate   *money.Amount `json:"hourly_rate" validate:"required,dgte=0,scale=2,dlte=100000"`
	KmRate       *money.Amount `json:"km_rate" validate:"omitempty,dgte=0,scale=2,dlte=100"`
	StartDate    civil.Date    `json:"start_date" validate:"required"`
	EndDate      civil.Date    `json:"end_date"`
	CalendarID   string        `json:"calendar_id" validate:"omitempty,max=63"`
	Bands        *BandTable    `json:"bands"`
	NoticeMonths int           `json:"notice_months" validate:"omitempty,min=1,max=24"`
}

// PlacementPatchIn is the body of PATCH /placements/{id}; absent fields stay, an
// explicit "end_date": null makes the placement indefinite.
type PlacementPatchIn struct {
	Role         *string                    `json:"role" validate:"omitempty,min=1,max=200"`
	HourlyRate   *money.Amount              `json:"hourly_rate" validate:"omitempty,dgte=0,scale=2,dlte=100000"`
	KmRate       *money.Amount              `json:"km_rate" validate:"omitempty,dgte=0,scale=2,dlte=100"`
	StartDate    *civil.Date                `json:"start_date"`
	EndDate      httpx.Optional[civil.Date] `json:"end_date"`
	CalendarID   *string                    `json:"calendar_id" validate:"omitempty,min=1,max=63"`
	Bands        *BandTable                 `json:"bands"`
	NoticeMonths *int                       `json:"notice_months" validate:"omitempty,min=1,max=24"`
}

// EndIn is the body of POST /placements/{id}/end.
type EndIn struct {
	NoticeReceivedAt time.Time `json:"notice_received_at" validate:"required"`
}

// ReplacementIn is the body of POST /placements/{id}/replacements.
type ReplacementIn struct {
	TechnicianID     int64      `json:"technician_id" validate:"required,gt=0"`
	Reason           string     `json:"reason" validate:"required,oneof=quality long_term_absence other"`
	RequestedBy      string     `json:"requested_by" validate:"required,oneof=customer provider"`
	ConsultedOn      civil.Date `json:"consulted_on"`
	ConsultationNote string     `json:"consultation_note" validate:"max=2000"`
}

// EntryIn is the body of POST /placements/{id}/hours and PATCH /hours/{id}.
type EntryIn struct {
	StartedAt   time.Time `json:"started_at" validate:"required"`
	EndedAt     time.Time `json:"ended_at" validate:"required"`
	Description string    `json:"description" validate:"required,max=1000"`
}

// PreviewIn is the body of POST /overtime/preview. With placement_id the placement's
// rate, bands and calendar are used; otherwise hourly_rate (and calendar_id) are given.
type PreviewIn struct {
	StartedAt   time.Time     `json:"started_at" validate:"required"`
	EndedAt     time.Time     `json:"ended_at" validate:"required"`
	HourlyRate  *money.Amount `json:"hourly_rate" validate:"required_without=PlacementID,omitempty,dgte=0,scale=2,dlte=100000"`
	CalendarID  string        `json:"calendar_id" validate:"omitempty,max=63"`
	PlacementID int64         `json:"placement_id" validate:"omitempty,gt=0"`
}

// RejectIn is the body of POST /hours/{id}/reject.
type RejectIn struct {
	Reason string `json:"reason" validate:"required,max=1000"`
}

// BulkIn is the body of POST /hours/approve (the weekly bulk approval).
type BulkIn struct {
	IDs []int64 `json:"ids" validate:"required,min=1,max=500,dive,gt=0"`
}

// ExpenseIn is the body of POST /placements/{id}/expenses.
type ExpenseIn struct {
	Date        civil.Date       `json:"date" validate:"required"`
	Kind        string           `json:"kind" validate:"required,oneof=travel lodging other"`
	Amount      *money.Amount    `json:"amount" validate:"omitempty,dgt=0,scale=2,dlte=100000"`
	KM          *decimal.Decimal `json:"km" validate:"omitempty,dgt=0,scale=1,dlte=10000"`
	Description string           `json:"description" validate:"required,max=500"`
}

// PlacementOut is a placement on the wire.
type PlacementOut struct {
	ID               int64        `json:"id"`
	CustomerID       int64        `json:"customer_id"`
	CustomerName     string       `json:"customer_name,omitempty"`
	TechnicianID     int64        `json:"technician_id"`
	TechnicianName   string       `json:"technician_name,omitempty"`
	Role             string       `json:"role"`
	HourlyRate       money.Amount `json:"hourly_rate"`
	KmRate           money.Amount `json:"km_rate"`
	StartDate        civil.Date   `json:"start_date"`
	EndDate          *civil.Date  `json:"end_date"`
	CalendarID       string       `json:"calendar_id"`
	Bands            BandTable    `json:"bands"`
	NoticeMonths     int          `json:"notice_months"`
	NoticeReceivedAt *time.Time   `json:"notice_received_at"`
	NoticeDeemedOn   *civil.Date  `json:"notice_deemed_on"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
}

// SegmentOut is one band segment of an entry.
type SegmentOut struct {
	StartedAt        time.Time    `json:"started_at"`
	EndedAt          time.Time    `json:"ended_at"`
	Minutes          int          `json:"minutes"`
	Band             Band         `json:"band"`
	SurchargePercent string       `json:"surcharge_percent"`
	Rate             string       `json:"rate"`
	Amount           money.Amount `json:"amount"`
}

// PricingOut answers POST /overtime/preview.
type PricingOut struct {
	Minutes  int          `json:"minutes"`
	Amount   money.Amount `json:"amount"`
	Segments []SegmentOut `json:"segments"`
}

// EntryOut is an hour entry on the wire.
type EntryOut struct {
	ID             int64        `json:"id"`
	PlacementID    int64        `json:"placement_id"`
	TechnicianID   int64        `json:"technician_id"`
	TechnicianName string       `json:"technician_name,omitempty"`
	StartedAt      time.Time    `json:"started_at"`
	EndedAt        time.Time    `json:"ended_at"`
	Description    string       `json:"description"`
	Status         EntryStatus  `json:"status"`
	HourlyRate     money.Amount `json:"hourly_rate"`
	Minutes        int          `json:"minutes"`
	Amount         money.Amount `json:"amount"`
	Segments       []SegmentOut `json:"segments"`
	DecidedAt      *time.Time   `json:"decided_at"`
	RejectReason   *string      `json:"reject_reason"`
}

// ExpenseOut is an expense on the wire.
type ExpenseOut struct {
	ID          int64        `json:"id"`
	PlacementID int64        `json:"placement_id"`
	Date        civil.Date   `json:"date"`
	Kind        ExpenseKind  `json:"kind"`
	KM          *string      `json:"km"`
	Amount      money.Amount `json:"amount"`
	Description string       `json:"description"`
	CreatedBy   *int64       `json:"created_by,omitempty"`
}

// ReplacementOut is a recorded replacement.
type ReplacementOut struct {
	ID               int64             `json:"id"`
	PlacementID      int64             `json:"placement_id"`
	FromTechnicianID int64             `json:"from_technician_id"`
	ToTechnicianID   int64             `json:"to_technician_id"`
	FromTechnician   string            `json:"from_technician_name,omitempty"`
	ToTechnician     string            `json:"to_technician_name,omitempty"`
	Reason           ReplacementReason `json:"reason"`
	RequestedBy      Requester         `json:"requested_by"`
	ConsultedOn      *civil.Date       `json:"consulted_on"`
	ConsultationNote string            `json:"consultation_note"`
	CreatedAt        time.Time         `json:"created_at"`
}

// BandTotalOut is one band's total in a statement.
type BandTotalOut struct {
	Band    Band         `json:"band"`
	Minutes int          `json:"minutes"`
	Amount  money.Amount `json:"amount"`
}

// StatementOut is a monthly statement on the wire (SEC-4).
type StatementOut struct {
	PlacementID    int64          `json:"placement_id"`
	CustomerID     int64          `json:"customer_id"`
	CustomerName   string         `json:"customer_name,omitempty"`
	TechnicianName string         `json:"technician_name,omitempty"`
	Month          string         `json:"month"`
	Status         string         `json:"status"`
	Closable       bool           `json:"closable"`
	ClosedAt       *time.Time     `json:"closed_at"`
	HourlyRate     money.Amount   `json:"hourly_rate"`
	Entries        []EntryOut     `json:"entries"`
	Bands          []BandTotalOut `json:"bands"`
	Minutes        int            `json:"minutes"`
	HoursAmount    money.Amount   `json:"hours_amount"`
	Expenses       []ExpenseOut   `json:"expenses"`
	ExpensesAmount money.Amount   `json:"expenses_amount"`
	Total          money.Amount   `json:"total"`
	OpenCount      int            `json:"open_count"`
	Warning        string         `json:"warning,omitempty"`
}

// StatementSummaryOut is one line of the invoice run (GET /statements): a placement's
// statement totals of the month, without its entries (GET the statement for those).
type StatementSummaryOut struct {
	PlacementID    int64        `json:"placement_id"`
	CustomerID     int64        `json:"customer_id"`
	CustomerName   string       `json:"customer_name"`
	TechnicianName string       `json:"technician_name"`
	Role           string       `json:"role"`
	Month          string       `json:"month"`
	Status         string       `json:"status"`
	Closable       bool         `json:"closable"`
	ClosedAt       *time.Time   `json:"closed_at"`
	HourlyRate     money.Amount `json:"hourly_rate"`
	Minutes        int          `json:"minutes"`
	HoursAmount    money.Amount `json:"hours_amount"`
	ExpensesAmount money.Amount `json:"expenses_amount"`
	Total          money.Amount `json:"total"`
	OpenCount      int          `json:"open_count"`
}

// AppendJSON writes the row as encoding/json does (httpx.RowJSON): the invoice run's list
// spent 14 % of its CPU in the encoder's reflection and its amounts' MarshalJSON (issue 14).
func (s *StatementSummaryOut) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"placement_id":`...), s.PlacementID, 10)
	b = strconv.AppendInt(append(b, `,"customer_id":`...), s.CustomerID, 10)
	b = httpx.JSONString(append(b, `,"customer_name":`...), s.CustomerName)
	b = httpx.JSONString(append(b, `,"technician_name":`...), s.TechnicianName)
	b = httpx.JSONString(append(b, `,"role":`...), s.Role)
	b = httpx.JSONString(append(b, `,"month":`...), s.Month)
	b = httpx.JSONString(append(b, `,"status":`...), s.Status)
	b = strconv.AppendBool(append(b, `,"closable":`...), s.Closable)
	b = httpx.JSONOptTime(append(b, `,"closed_at":`...), s.ClosedAt)
	b = s.HourlyRate.AppendJSON(append(b, `,"hourly_rate":`...))
	b = strconv.AppendInt(append(b, `,"minutes":`...), int64(s.Minutes), 10)
	b = s.HoursAmount.AppendJSON(append(b, `,"hours_amount":`...))
	b = s.ExpensesAmount.AppendJSON(append(b, `,"expenses_amount":`...))
	b = s.Total.AppendJSON(append(b, `,"total":`...))
	b = strconv.AppendInt(append(b, `,"open_count":`...), int64(s.OpenCount), 10)
	return append(b, '}')
}
