package main

import "strings"

// Role is a set of roles allowed to call a route.
type Role uint8

// The roles of the Access table.
const (
	RoleAdmin Role = 1 << iota
	RoleAccountManager
	RoleTechnician
	RoleCustomer
	// Public routes need no login at all.
	Public
)

// Shorthands for the table.
const (
	A   = RoleAdmin
	M   = RoleAccountManager
	T   = RoleTechnician
	C   = RoleCustomer
	AM  = A | M
	AMT = A | M | T
	AMC = A | M | C
	ANY = A | M | T | C
)

// Letter names a single role in the table's notation.
func (r Role) Letter() string {
	switch r {
	case A:
		return "A"
	case M:
		return "M"
	case T:
		return "T"
	case C:
		return "C"
	}
	return ""
}

func (r Role) String() string {
	if r == Public {
		return "public"
	}
	var s []string
	for _, x := range []Role{A, M, T, C} {
		if r&x != 0 {
			s = append(s, x.Letter())
		}
	}
	return strings.Join(s, "")
}

// Access is the table of who may call what (issue 9's permanent guard, issue 8): every
// route of the OpenAPI document has an entry; TestRoleWalk calls each route as every role
// and fails when an answer disagrees or a route is missing. Customers are further limited
// to their own company's records by auth.Guard/auth.Scope in the handlers.
var Access = map[string]Role{
	"DELETE /api/v1/expenses/{id}":                                 ANY,
	"DELETE /api/v1/invoices/{id}":                                 AM,
	"DELETE /api/v1/test/clock":                                    A,
	"GET /api/v1/audit":                                            A,
	"GET /api/v1/auth/me":                                          ANY,
	"GET /api/v1/availability":                                     ANY,
	"GET /api/v1/bank-entries":                                     AM,
	"GET /api/v1/calendars":                                        ANY,
	"GET /api/v1/calendars/{id}":                                   ANY,
	"GET /api/v1/calendars/{id}/business-time":                     ANY,
	"GET /api/v1/calendars/{id}/holidays":                          ANY,
	"GET /api/v1/calendars/{id}/notice-delivery":                   ANY,
	"GET /api/v1/calendars/{id}/working-days":                      ANY,
	"GET /api/v1/charges":                                          ANY,
	"GET /api/v1/contracts":                                        ANY,
	"GET /api/v1/contracts/{id}":                                   ANY,
	"GET /api/v1/credit-notes":                                     ANY,
	"GET /api/v1/credit-notes/{id}":                                ANY,
	"GET /api/v1/credit-notes/{id}/pdf":                            ANY,
	"GET /api/v1/credit-notes/{id}/ubl":                            ANY,
	"GET /api/v1/customers":                                        ANY,
	"GET /api/v1/customers/{id}":                                   ANY,
	"GET /api/v1/customers/{id}/contacts":                          ANY,
	"GET /api/v1/customers/{id}/export":                            A | C,
	"GET /api/v1/customers/{id}/invoice-settings":                  ANY,
	"GET /api/v1/defect-reports":                                   ANY,
	"GET /api/v1/defect-reports/{id}":                              ANY,
	"GET /api/v1/defect-reports/{id}/attachments/{file}":           ANY,
	"GET /api/v1/deliveries":                                       ANY,
	"GET /api/v1/deliveries/{id}":                                  ANY,
	"GET /api/v1/deliveries/{id}/note":                             ANY,
	"GET /api/v1/events/undeliverable":                             A,
	"GET /api/v1/hardware/items":                                   ANY,
	"GET /api/v1/hardware/items/{id}":                              ANY,
	"GET /api/v1/hours":                                            ANY,
	"GET /api/v1/index-series":                                     AMT,
	"GET /api/v1/indexations/{id}":                                 AM,
	"GET /api/v1/interest-rates":                                   ANY,
	"GET /api/v1/invoices":                                         ANY,
	"GET /api/v1/invoices/{id}":                                    ANY,
	"GET /api/v1/invoices/{id}/claim":                              ANY,
	"GET /api/v1/invoices/{id}/dunning":                            ANY,
	"GET /api/v1/invoices/{id}/pdf":                                ANY,
	"GET /api/v1/invoices/{id}/ubl":                                ANY,
	"GET /api/v1/orders":                                           ANY,
	"GET /api/v1/orders/{id}":                                      ANY,
	"GET /api/v1/outbox":                                           A,
	"GET /api/v1/payments":                                         AM,
	"GET /api/v1/placements":                                       ANY,
	"GET /api/v1/placements/{id}":                                  ANY,
	"GET /api/v1/placements/{id}/expenses":                         ANY,
	"GET /api/v1/placements/{id}/hours":                            ANY,
	"GET /api/v1/placements/{id}/replacements":                     ANY,
	"GET /api/v1/placements/{id}/statements/{month}":               ANY,
	"GET /api/v1/placements/{id}/statements/{month}/csv":           ANY,
	"GET /api/v1/placements/{id}/statements/{month}/pdf":           ANY,
	"GET /api/v1/products":                                         AMT,
	"GET /api/v1/products/{id}":                                    AMT,
	"GET /api/v1/quotes":                                           ANY,
	"GET /api/v1/quotes/{id}":                                      ANY,
	"GET /api/v1/quotes/{id}/pdf":                                  ANY,
	"GET /api/v1/quotes/{id}/signed-pdf":                           ANY,
	"GET /api/v1/receivables/ageing":                               AM,
	"GET /api/v1/receivables/suspended":                            AM,
	"GET /api/v1/rmas":                                             ANY,
	"GET /api/v1/rmas/{id}":                                        ANY,
	"GET /api/v1/sla-policies":                                     AMT,
	"GET /api/v1/sla-policies/{id}":                                AMT,
	"GET /api/v1/standard-rates":                                   AMT,
	"GET /api/v1/statements":                                       AM,
	"GET /api/v1/terms-profiles":                                   ANY,
	"GET /api/v1/test/clock":                                       ANY,
	"GET /api/v1/tickets":                                          ANY,
	"GET /api/v1/tickets/{id}":                                     ANY,
	"GET /api/v1/tickets/{id}/attachments":                         ANY,
	"GET /api/v1/tickets/{id}/attachments/{file}":                  ANY,
	"GET /api/v1/tickets/{id}/time":                                AMT,
	"GET /api/v1/users":                                            A,
	"GET /api/v1/users/{id}":                                       ANY,
	"PATCH /api/v1/customers/{id}":                                 AM,
	"PATCH /api/v1/expenses/{id}":                                  ANY,
	"PATCH /api/v1/hours/{id}":                                     ANY,
	"PATCH /api/v1/invoices/{id}":                                  AM,
	"PATCH /api/v1/placements/{id}":                                AM,
	"PATCH /api/v1/products/{id}":                                  AM,
	"PATCH /api/v1/quotes/{id}":                                    AM,
	"PATCH /api/v1/tickets/{id}":                                   AMT,
	"PATCH /api/v1/users/{id}":                                     A,
	"POST /api/v1/auth/login":                                      Public,
	"POST /api/v1/auth/logout":                                     ANY,
	"POST /api/v1/auth/password/forgot":                            Public,
	"POST /api/v1/auth/password/reset":                             Public,
	"POST /api/v1/bank-entries/{id}/assign":                        AM,
	"POST /api/v1/bank-statements":                                 AM,
	"POST /api/v1/calendars":                                       A,
	"POST /api/v1/contracts/{id}/terminate":                        AMC,
	"POST /api/v1/customers":                                       AM,
	"POST /api/v1/customers/{id}/erase":                            A,
	"POST /api/v1/defect-reports":                                  ANY,
	"POST /api/v1/defect-reports/{id}/attachments":                 ANY,
	"POST /api/v1/deliveries":                                      AMT,
	"POST /api/v1/deliveries/{id}/deliver":                         AMT,
	"POST /api/v1/deliveries/{id}/refuse":                          AMT,
	"POST /api/v1/deliveries/{id}/terminate":                       AM,
	"POST /api/v1/dunning-runs":                                    A,
	"POST /api/v1/events/{event_id}/deliveries/{subscriber}/retry": A,
	"POST /api/v1/hardware/customers/{id}/payment-difficulties":    AM,
	"POST /api/v1/hours/approve":                                   AMC,
	"POST /api/v1/hours/{id}/approve":                              AMC,
	"POST /api/v1/hours/{id}/reject":                               AMC,
	"POST /api/v1/hours/{id}/withdraw":                             ANY,
	"POST /api/v1/index-series":                                    AM,
	"POST /api/v1/index-series/{code}/import":                      AM,
	"POST /api/v1/indexations":                                     AM,
	"POST /api/v1/indexations/{id}/apply":                          AM,
	"POST /api/v1/invoice-runs":                                    AM,
	"POST /api/v1/invoices":                                        AM,
	"POST /api/v1/invoices/{id}/credit":                            AM,
	"POST /api/v1/invoices/{id}/dispute":                           ANY,
	"POST /api/v1/invoices/{id}/issue":                             AM,
	"POST /api/v1/invoices/{id}/resolve":                           AM,
	"POST /api/v1/orders/{id}/cancel":                              AMC,
	"POST /api/v1/orders/{id}/change-requests":                     AMT,
	"POST /api/v1/orders/{id}/change-requests/{cr}/decision":       AMC,
	"POST /api/v1/orders/{id}/extensions":                          AMT,
	"POST /api/v1/orders/{id}/preconditions":                       AMT,
	"POST /api/v1/outages":                                         AMT,
	"POST /api/v1/overtime/preview":                                ANY,
	"POST /api/v1/payments":                                        AM,
	"POST /api/v1/payments/{id}/reverse":                           AM,
	"POST /api/v1/placements":                                      AM,
	"POST /api/v1/placements/{id}/end":                             AMC,
	"POST /api/v1/placements/{id}/expenses":                        ANY,
	"POST /api/v1/placements/{id}/hours":                           ANY,
	"POST /api/v1/placements/{id}/replacements":                    AMC,
	"POST /api/v1/placements/{id}/statements/{month}/close":        AM,
	"POST /api/v1/products":                                        AM,
	"POST /api/v1/quotes":                                          AM,
	"POST /api/v1/quotes/{id}/accept":                              AMC,
	"POST /api/v1/quotes/{id}/decline":                             AMC,
	"POST /api/v1/quotes/{id}/revise":                              AM,
	"POST /api/v1/quotes/{id}/send":                                AM,
	"POST /api/v1/quotes/{id}/withdraw":                            AM,
	"POST /api/v1/refunds":                                         AM,
	"POST /api/v1/rmas":                                            ANY,
	"POST /api/v1/rmas/{id}/approve":                               AMT,
	"POST /api/v1/rmas/{id}/receive":                               AMT,
	"POST /api/v1/rmas/{id}/reject":                                AMT,
	"POST /api/v1/rmas/{id}/resolve":                               AMT,
	"POST /api/v1/sla-policies":                                    AM,
	"POST /api/v1/tickets":                                         ANY,
	"POST /api/v1/tickets/{id}/attachments":                        ANY,
	"POST /api/v1/tickets/{id}/comments":                           ANY,
	"POST /api/v1/tickets/{id}/status":                             ANY,
	"POST /api/v1/tickets/{id}/time":                               AMT,
	"POST /api/v1/users":                                           A,
	"POST /api/v1/users/{id}/block":                                AMC,
	"POST /api/v1/users/{id}/unblock":                              AM,
	"PUT /api/v1/calendars/{id}":                                   A,
	"PUT /api/v1/customers/{id}/invoice-settings":                  AM,
	"PUT /api/v1/index-series/{code}/values":                       AM,
	"PUT /api/v1/interest-rates":                                   A,
	"PUT /api/v1/sla-policies/{id}/customers/{customer_id}":        AM,
	"PUT /api/v1/standard-rates/{sku}":                             AM,
	"PUT /api/v1/test/clock":                                       A,
}
