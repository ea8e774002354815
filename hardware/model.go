package hardware

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
)

// Product conditions (HW-7: second-hand hardware has no warranty).
const (
	ConditionNew         = "new"
	ConditionRefurbished = "refurbished"
	ConditionSecondHand  = "second_hand"
)

// Product is something we sell, named by SKU on the hardware lines of a quote.
type Product struct {
	bun.BaseModel `bun:"table:hw_products"`

	ID             int64     `bun:"id,pk,autoincrement" json:"id"`
	SKU            string    `bun:"sku" json:"sku"`
	Name           string    `bun:"name" json:"name"`
	Manufacturer   string    `bun:"manufacturer" json:"manufacturer"`
	WarrantyMonths int       `bun:"warranty_months" json:"warranty_months"`
	Serialised     bool      `bun:"serialised" json:"serialised"`
	Condition      string    `bun:"condition" json:"condition"`
	CreatedAt      time.Time `bun:"created_at" json:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at" json:"updated_at"`
}

// OrderLine is a hardware line of an accepted order (from quote.accepted).
type OrderLine struct {
	bun.BaseModel `bun:"table:hw_order_lines"`

	OrderLineID  int64           `bun:"order_line_id,pk"`
	OrderID      int64           `bun:"order_id"`
	OrderNumber  string          `bun:"order_number"` // as quote.accepted carried it (issue 13)
	CustomerID   int64           `bun:"customer_id"`
	TermsProfile string          `bun:"terms_profile"`
	SKU          *string         `bun:"sku"`
	Description  string          `bun:"description"`
	Quantity     decimal.Decimal `bun:"quantity,type:numeric"`
	Unit         string          `bun:"unit"`
	UnitPrice    decimal.Decimal `bun:"unit_price,type:numeric"`
	Discount     decimal.Decimal `bun:"discount_percent,type:numeric"`
	VATRate      string          `bun:"vat_rate"`
	AcceptedAt   time.Time       `bun:"accepted_at"`
}

// orderName is how a delivery names its order: its number (O2026-0012), the id only
// for a delivery of an order whose fact carried no number.
func (d *Delivery) orderName() string { return orderName(d.OrderNumber, d.OrderID) }

// OrderName is orderName for the pages, which name a delivery by its order and date.
func (d DeliveryOut) OrderName() string { return orderName(d.OrderNumber, d.OrderID) }

func orderName(number string, id int64) string {
	if number != "" {
		return number
	}
	return strconv.FormatInt(id, 10)
}

// Delivery statuses (HW-2).
const (
	Planned    = "planned"
	Delivered  = "delivered"
	Stored     = "stored"
	Terminated = "terminated"
)

// Reasons a delivery could not be made (HW-2).
var StoreReasons = []string{"refused", "address_unreachable", "information_missing"}

// Delivery is one trip with (part of) an order's hardware.
type Delivery struct {
	bun.BaseModel `bun:"table:hw_deliveries"`

	ID                int64      `bun:"id,pk,autoincrement"`
	OrderID           int64      `bun:"order_id"`
	OrderNumber       string     `bun:"order_number"` // the order lines' snapshot
	CustomerID        int64      `bun:"customer_id"`
	TermsProfile      string     `bun:"terms_profile"`
	Status            string     `bun:"status"`
	PlannedOn         civil.Date `bun:"planned_on,type:date"`
	Street            string     `bun:"street"`
	PostalCode        string     `bun:"postal_code"`
	City              string     `bun:"city"`
	Country           string     `bun:"country"`
	DispatchedAt      *time.Time `bun:"dispatched_at"`
	DeliveredAt       *time.Time `bun:"delivered_at"`
	RiskSince         *time.Time `bun:"risk_since"`
	ReceivedBy        *string    `bun:"received_by"`
	StoredAt          *time.Time `bun:"stored_at"`
	StoredReason      *string    `bun:"stored_reason"`
	StorageWeeks      int        `bun:"storage_weeks"`
	TerminatedAt      *time.Time `bun:"terminated_at"`
	TerminationReason *string    `bun:"termination_reason"`
	CreatedAt         time.Time  `bun:"created_at"`
	UpdatedAt         time.Time  `bun:"updated_at"`

	Lines []DeliveryLine `bun:"-"`
}

// DeliveryLine is part of an order line on a delivery, with the serials of its items.
type DeliveryLine struct {
	bun.BaseModel `bun:"table:hw_delivery_lines"`

	ID          int64           `bun:"id,pk,autoincrement"`
	DeliveryID  int64           `bun:"delivery_id"`
	OrderLineID int64           `bun:"order_line_id"`
	ProductID   int64           `bun:"product_id"`
	Quantity    decimal.Decimal `bun:"quantity,type:numeric"`
	Serials     []string        `bun:"serials,array"`

	Product   *Product   `bun:"-"`
	OrderLine *OrderLine `bun:"-"`
}

// Item is one delivered thing: a serial (or a quantity of an unserialised product).
type Item struct {
	bun.BaseModel `bun:"table:hw_items"`

	ID                   int64           `bun:"id,pk,autoincrement"`
	DeliveryID           int64           `bun:"delivery_id"`
	DeliveryLineID       int64           `bun:"delivery_line_id"`
	ProductID            int64           `bun:"product_id"`
	CustomerID           int64           `bun:"customer_id"`
	OrderID              int64           `bun:"order_id"`
	Serial               *string         `bun:"serial"`
	Quantity             decimal.Decimal `bun:"quantity,type:numeric"`
	DeliveredAt          time.Time       `bun:"delivered_at"`
	RiskSince            time.Time       `bun:"risk_since"`
	Title                string          `bun:"title"`
	TitleTransferredAt   *civil.Date     `bun:"title_transferred_at,type:date"`
	WarrantyUntil        *civil.Date     `bun:"warranty_until,type:date"`
	WarrantyCovered      bool            `bun:"warranty_covered"`
	WarrantyReason       string          `bun:"warranty_reason"`
	RepossessionPossible bool            `bun:"repossession_possible"`
	ReplacesItemID       *int64          `bun:"replaces_item_id"`
	ReplacedByItemID     *int64          `bun:"replaced_by_item_id"`
	CreatedAt            time.Time       `bun:"created_at"`
	UpdatedAt            time.Time       `bun:"updated_at"`

	Product      *Product `bun:"-"`
	TermsProfile string   `bun:"-"`
	CustomerName string   `bun:"customer_name,scanonly"` // the list's page query reads it (listItems)
	// DeliveryOrder names the item's delivery by its order's number (getItem reads it).
	DeliveryOrder string `bun:"delivery_order,scanonly"`
}

// DefectReport is a customer's report of a defect of an item (HW-5).
type DefectReport struct {
	bun.BaseModel `bun:"table:hw_defect_reports"`

	ID               int64      `bun:"id,pk,autoincrement"`
	ItemID           int64      `bun:"item_id"`
	CustomerID       int64      `bun:"customer_id"`
	ReporterID       *int64     `bun:"reporter_id"`
	Kind             string     `bun:"kind"`
	Description      string     `bun:"description"`
	DiscoveredAt     *time.Time `bun:"discovered_at"`
	ReportedAt       time.Time  `bun:"reported_at"`
	Deadline         time.Time  `bun:"deadline"`
	InTime           bool       `bun:"in_time"`
	ClaimsLostReason *string    `bun:"claims_lost_reason"`
	TicketID         *int64     `bun:"ticket_id"`
	TicketNumber     *string    `bun:"ticket_number"`
	ItemSerial       *string    `bun:"item_serial"`  // the item's serial when reported (issue 13)
	ItemProduct      string     `bun:"item_product"` // its product's name then
	CreatedAt        time.Time  `bun:"created_at"`
}

// RMA statuses (HW-6).
const (
	RMARequested = "requested"
	RMAApproved  = "approved"
	RMARejected  = "rejected"
	RMAReceived  = "received"
	RMAResolved  = "resolved"
)

// RMA is a return authorisation: nothing is sent back without our written consent (HW-6).
type RMA struct {
	bun.BaseModel `bun:"table:hw_rmas"`

	ID                int64      `bun:"id,pk,autoincrement"`
	ItemID            int64      `bun:"item_id"`
	CustomerID        int64      `bun:"customer_id"`
	RequestedBy       *int64     `bun:"requested_by"`
	Reason            string     `bun:"reason"`
	Status            string     `bun:"status"`
	Instructions      *string    `bun:"instructions"`
	RejectionReason   *string    `bun:"rejection_reason"`
	ConditionOK       *bool      `bun:"condition_ok"`
	ReceiveNotes      *string    `bun:"receive_notes"`
	Remedy            *string    `bun:"remedy"`
	RemedyReason      *string    `bun:"remedy_reason"`
	Exclusion         *string    `bun:"exclusion"`
	ReplacementItemID *int64     `bun:"replacement_item_id"`
	ItemSerial        *string    `bun:"item_serial"`  // the item's serial when requested (issue 13)
	ItemProduct       string     `bun:"item_product"` // its product's name then
	CreatedAt         time.Time  `bun:"created_at"`
	ApprovedAt        *time.Time `bun:"approved_at"`
	RejectedAt        *time.Time `bun:"rejected_at"`
	ReceivedAt        *time.Time `bun:"received_at"`
	ResolvedAt        *time.Time `bun:"resolved_at"`
	UpdatedAt         time.Time  `bun:"updated_at"`
}

// RiskSince is when the risk of loss, theft and damage passed to the customer (HW-3):
// at delivery under 004 (the default, 004:3.10), at dispatch under 002 (002:11.2).
func RiskSince(profile string, dispatchedAt *time.Time, deliveredAt time.Time) time.Time {
	if profile == Profile002 && dispatchedAt != nil && dispatchedAt.Before(deliveredAt) {
		return *dispatchedAt
	}
	return deliveredAt
}

// StorageWeeks is the number of started weeks goods have been stored (HW-2): a week
// is 7 real days from storage; the first week starts at once.
func StorageWeeks(storedAt, now time.Time) int {
	if now.Before(storedAt) {
		return 0
	}
	return int(now.Sub(storedAt)/(7*24*time.Hour)) + 1
}
