// Package receivables is what happens to an issued invoice until it is settled:
// payments and bank statements (CAMT.053) allocated to invoices, statutory commercial
// interest, extrajudicial collection costs and the dunning steps with their letters.
//
// Rules enforced here (../shared/domain/rules.md):
//   - INV-2 payment term (the due date comes from the invoice; no set-off: a payment is
//     allocated, never netted against a counterclaim).
//   - INV-3 dunning steps per terms profile and when interest and costs may be claimed.
//   - INV-4 statutory commercial interest (art. 6:119a BW) from rates with validity
//     periods, compounded yearly (art. 6:119 lid 2), and the WIK scale for collection costs.
//   - INV-5 disputes: the undisputed part stays due; under 003 no interest on a dispute
//     raised within 10 days; suspension after two consecutive overdue invoices and a
//     written notice of at least 5 working days.
//   - INV-6 suspension of service and its restoration once all obligations are met.
//   - INV-8 an invoice whose principal is settled is paid (invoice.paid is published by
//     package invoices when the balance reaches zero).
//
// Within one invoice a payment goes first to the collection costs, then to the interest,
// then to the principal (art. 6:44 BW). The pure rules (interest.go, wik.go, dunning.go,
// camt.go, allocation.go) take every date as a parameter; only the service reads the clock.
package receivables
