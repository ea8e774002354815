package hardware

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/httpx"
	"backoffice/internal/uploads"
)

// ProductRef names a product in other answers.
type ProductRef struct {
	ID             int64  `json:"id"`
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Manufacturer   string `json:"manufacturer"`
	Condition      string `json:"condition"`
	WarrantyMonths int    `json:"warranty_months"`
}

func refOf(p *Product) ProductRef {
	if p == nil {
		return ProductRef{}
	}
	return ProductRef{p.ID, p.SKU, p.Name, p.Manufacturer, p.Condition, p.WarrantyMonths}
}

// AddressOut is where a delivery goes.
type AddressOut struct {
	Street     string `json:"street"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Country    string `json:"country"`
}

// DeliveryLineOut is a line of a delivery.
type DeliveryLineOut struct {
	ID          int64           `json:"id"`
	OrderLineID int64           `json:"order_line_id"`
	Product     ProductRef      `json:"product"`
	Serialised  bool            `json:"serialised"`
	Description string          `json:"description"`
	Quantity    decimal.Decimal `json:"quantity"`
	Serials     []string        `json:"serials"`
	// Slots are the serials padded to the quantity, for the driver's form.
	Slots []string `json:"-"`
}

// DeliveryOut is a delivery as the API answers it.
type DeliveryOut struct {
	ID                int64             `json:"id"`
	OrderID           int64             `json:"order_id"`
	OrderNumber       string            `json:"order_number"`
	CustomerID        int64             `json:"customer_id"`
	TermsProfile      string            `json:"terms_profile"`
	Status            string            `json:"status"`
	PlannedOn         civil.Date        `json:"planned_on"`
	Address           AddressOut        `json:"address"`
	DispatchedAt      *time.Time        `json:"dispatched_at"`
	DeliveredAt       *time.Time        `json:"delivered_at"`
	RiskSince         *time.Time        `json:"risk_since"`
	ReceivedBy        *string           `json:"received_by"`
	StoredAt          *time.Time        `json:"stored_at"`
	StoredReason      *string           `json:"stored_reason"`
	StorageWeeks      int               `json:"storage_weeks"`
	TerminatedAt      *time.Time        `json:"terminated_at"`
	TerminationReason *string           `json:"termination_reason"`
	Lines             []DeliveryLineOut `json:"lines"`
	NotIncluded       string            `json:"not_included"`
	Items             []ItemOut         `json:"items,omitempty"`
}

func deliveryOut(d *Delivery, items []*Item, now time.Time) DeliveryOut {
	out := DeliveryOut{ID: d.ID, OrderID: d.OrderID, OrderNumber: d.OrderNumber, CustomerID: d.CustomerID, TermsProfile: d.TermsProfile, Status: d.Status,
		PlannedOn: d.PlannedOn, Address: AddressOut{d.Street, d.PostalCode, d.City, d.Country}, DispatchedAt: d.DispatchedAt,
		DeliveredAt: d.DeliveredAt, RiskSince: d.RiskSince, ReceivedBy: d.ReceivedBy, StoredAt: d.StoredAt, StoredReason: d.StoredReason,
		StorageWeeks: d.StorageWeeks, TerminatedAt: d.TerminatedAt, TerminationReason: d.TerminationReason, NotIncluded: NotIncluded,
		Lines: []DeliveryLineOut{}}
	if d.Status == Stored && d.StoredAt != nil {
		out.StorageWeeks = StorageWeeks(*d.StoredAt, now)
	}
	for _, l := range d.Lines {
		lo := DeliveryLineOut{ID: l.ID, OrderLineID: l.OrderLineID, Product: refOf(l.Product), Quantity: l.Quantity, Serials: l.Serials}
		if l.Product != nil {
			lo.Serialised = l.Product.Serialised
		}
		if l.OrderLine != nil {
			lo.Description = l.OrderLine.Description
		}
		if lo.Serials == nil {
			lo.Serials = []string{}
		}
		if lo.Serialised {
			lo.Slots = append(lo.Slots, lo.Serials...)
			for int64(len(lo.Slots)) < l.Quantity.IntPart() {
				lo.Slots = append(lo.Slots, "")
			}
		}
		out.Lines = append(out.Lines, lo)
	}
	for _, it := range items {
		out.Items = append(out.Items, itemOut(it, now))
	}
	return out
}

// WarrantyOut says whether an item is under warranty today and why (HW-7).
type WarrantyOut struct {
	Covered bool   `json:"covered"`
	Reason  string `json:"reason"`
}

// ItemOut is a delivered item: risk, title, inspection window and warranty.
type ItemOut struct {
	ID                   int64           `json:"id"`
	Serial               *string         `json:"serial"`
	Quantity             decimal.Decimal `json:"quantity"`
	Product              ProductRef      `json:"product"`
	CustomerID           int64           `json:"customer_id"`
	CustomerName         string          `json:"customer_name"`
	OrderID              int64           `json:"order_id"`
	DeliveryID           int64           `json:"delivery_id"`
	DeliveredAt          time.Time       `json:"delivered_at"`
	RiskSince            time.Time       `json:"risk_since"`
	Title                string          `json:"title"`
	TitleTransferredAt   *civil.Date     `json:"title_transferred_at"`
	TitleReason          string          `json:"title_reason,omitempty"`
	Restrictions         []string        `json:"restrictions,omitempty"`
	VisibleDefectsUntil  time.Time       `json:"visible_defects_until"`
	WarrantyUntil        *civil.Date     `json:"warranty_until"`
	Warranty             WarrantyOut     `json:"warranty"`
	RepossessionPossible bool            `json:"repossession_possible"`
	ReplacesItemID       *int64          `json:"replaces_item_id"`
	ReplacedByItemID     *int64          `json:"replaced_by_item_id"`
}

func itemOut(it *Item, now time.Time) ItemOut {
	out := ItemOut{ID: it.ID, Serial: it.Serial, Quantity: it.Quantity, Product: refOf(it.Product), CustomerID: it.CustomerID, CustomerName: it.CustomerName,
		OrderID: it.OrderID, DeliveryID: it.DeliveryID, DeliveredAt: it.DeliveredAt, RiskSince: it.RiskSince, Title: it.Title,
		TitleTransferredAt: it.TitleTransferredAt, VisibleDefectsUntil: VisibleDeadline(it.DeliveredAt), WarrantyUntil: it.WarrantyUntil,
		Warranty: WarrantyOut{it.WarrantyCovered, it.WarrantyReason}, RepossessionPossible: it.RepossessionPossible && it.Title == Retained,
		ReplacesItemID: it.ReplacesItemID, ReplacedByItemID: it.ReplacedByItemID}
	today := civil.In(now, clock.Amsterdam)
	if it.WarrantyCovered && it.WarrantyUntil != nil && today.After(*it.WarrantyUntil) {
		out.Warranty = WarrantyOut{false, "the manufacturer's warranty ended on " + it.WarrantyUntil.String() + " (HW-7)"}
	}
	if it.Title == Retained {
		out.Restrictions = Restrictions
	}
	return out
}

// DefectOut is a defect report with its verdict (HW-5).
type DefectOut struct {
	ID               int64            `json:"id"`
	ItemID           int64            `json:"item_id"`
	CustomerID       int64            `json:"customer_id"`
	Kind             string           `json:"kind"`
	Description      string           `json:"description"`
	DiscoveredAt     *time.Time       `json:"discovered_at"`
	ReportedAt       time.Time        `json:"reported_at"`
	Deadline         time.Time        `json:"deadline"`
	InTime           bool             `json:"in_time"`
	ClaimsLost       bool             `json:"claims_lost"`
	ClaimsLostReason *string          `json:"claims_lost_reason"`
	DutyToPay        string           `json:"duty_to_pay"`
	TicketID         *int64           `json:"ticket_id"`
	TicketNumber     *string          `json:"ticket_number"`
	ItemSerial       *string          `json:"item_serial"`
	ItemProduct      string           `json:"item_product"`
	Attachments      []uploads.Upload `json:"attachments"`
}

func defectOut(r *DefectReport, files []uploads.Upload) DefectOut {
	if files == nil {
		files = []uploads.Upload{}
	}
	return DefectOut{ID: r.ID, ItemID: r.ItemID, CustomerID: r.CustomerID, Kind: r.Kind, Description: r.Description,
		DiscoveredAt: r.DiscoveredAt, ReportedAt: r.ReportedAt, Deadline: r.Deadline, InTime: r.InTime, ClaimsLost: !r.InTime,
		ClaimsLostReason: r.ClaimsLostReason, DutyToPay: DutyToPay, TicketID: r.TicketID, TicketNumber: r.TicketNumber, ItemSerial: r.ItemSerial, ItemProduct: r.ItemProduct, Attachments: files}
}

// RMAOut is a return authorisation (HW-6).
type RMAOut struct {
	ID                int64      `json:"id"`
	ItemID            int64      `json:"item_id"`
	CustomerID        int64      `json:"customer_id"`
	Reason            string     `json:"reason"`
	Status            string     `json:"status"`
	Instructions      *string    `json:"instructions"`
	RejectionReason   *string    `json:"rejection_reason"`
	ConditionOK       *bool      `json:"condition_ok"`
	ReceiveNotes      *string    `json:"receive_notes"`
	Remedy            *string    `json:"remedy"`
	RemedyReason      *string    `json:"remedy_reason"`
	Exclusion         *string    `json:"exclusion"`
	ReplacementItemID *int64     `json:"replacement_item_id"`
	CreatedAt         time.Time  `json:"created_at"`
	ApprovedAt        *time.Time `json:"approved_at"`
	ResolvedAt        *time.Time `json:"resolved_at"`
	ItemSerial        *string    `json:"item_serial"`
	ItemProduct       string     `json:"item_product"`
}

func rmaOut(r *RMA) RMAOut {
	return RMAOut{r.ID, r.ItemID, r.CustomerID, r.Reason, r.Status, r.Instructions, r.RejectionReason, r.ConditionOK, r.ReceiveNotes,
		r.Remedy, r.RemedyReason, r.Exclusion, r.ReplacementItemID, r.CreatedAt, r.ApprovedAt, r.ResolvedAt, r.ItemSerial, r.ItemProduct}
}

// AppendJSON writes the defect report as encoding/json does (httpx.RowJSON: the defect
// list's rows; TestRowJSONMatchesEncodingJSON).
func (d *DefectOut) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"id":`...), d.ID, 10)
	b = strconv.AppendInt(append(b, `,"item_id":`...), d.ItemID, 10)
	b = strconv.AppendInt(append(b, `,"customer_id":`...), d.CustomerID, 10)
	b = httpx.JSONString(append(b, `,"kind":`...), d.Kind)
	b = httpx.JSONString(append(b, `,"description":`...), d.Description)
	b = httpx.JSONOptTime(append(b, `,"discovered_at":`...), d.DiscoveredAt)
	b = httpx.JSONTime(append(b, `,"reported_at":`...), d.ReportedAt)
	b = httpx.JSONTime(append(b, `,"deadline":`...), d.Deadline)
	b = httpx.JSONBool(append(b, `,"in_time":`...), d.InTime)
	b = httpx.JSONBool(append(b, `,"claims_lost":`...), d.ClaimsLost)
	b = httpx.JSONOptString(append(b, `,"claims_lost_reason":`...), d.ClaimsLostReason)
	b = httpx.JSONString(append(b, `,"duty_to_pay":`...), d.DutyToPay)
	b = httpx.JSONOptInt(append(b, `,"ticket_id":`...), d.TicketID)
	b = httpx.JSONOptString(append(b, `,"ticket_number":`...), d.TicketNumber)
	b = httpx.JSONOptString(append(b, `,"item_serial":`...), d.ItemSerial)
	b = httpx.JSONString(append(b, `,"item_product":`...), d.ItemProduct)
	b = append(b, `,"attachments":`...)
	switch {
	case d.Attachments == nil:
		b = append(b, "null"...)
	case len(d.Attachments) == 0:
		b = append(b, "[]"...)
	default:
		b = httpx.JSONValue(b, d.Attachments)
	}
	return append(b, '}')
}

// AppendJSON writes the RMA as encoding/json does (httpx.RowJSON).
func (r *RMAOut) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"id":`...), r.ID, 10)
	b = strconv.AppendInt(append(b, `,"item_id":`...), r.ItemID, 10)
	b = strconv.AppendInt(append(b, `,"customer_id":`...), r.CustomerID, 10)
	b = httpx.JSONString(append(b, `,"reason":`...), r.Reason)
	b = httpx.JSONString(append(b, `,"status":`...), r.Status)
	b = httpx.JSONOptString(append(b, `,"instructions":`...), r.Instructions)
	b = httpx.JSONOptString(append(b, `,"rejection_reason":`...), r.RejectionReason)
	b = httpx.JSONOptBool(append(b, `,"condition_ok":`...), r.ConditionOK)
	b = httpx.JSONOptString(append(b, `,"receive_notes":`...), r.ReceiveNotes)
	b = httpx.JSONOptString(append(b, `,"remedy":`...), r.Remedy)
	b = httpx.JSONOptString(append(b, `,"remedy_reason":`...), r.RemedyReason)
	b = httpx.JSONOptString(append(b, `,"exclusion":`...), r.Exclusion)
	b = httpx.JSONOptInt(append(b, `,"replacement_item_id":`...), r.ReplacementItemID)
	b = httpx.JSONTime(append(b, `,"created_at":`...), r.CreatedAt)
	b = httpx.JSONOptTime(append(b, `,"approved_at":`...), r.ApprovedAt)
	b = httpx.JSONOptTime(append(b, `,"resolved_at":`...), r.ResolvedAt)
	b = httpx.JSONOptString(append(b, `,"item_serial":`...), r.ItemSerial)
	b = httpx.JSONString(append(b, `,"item_product":`...), r.ItemProduct)
	return append(b, '}')
}
