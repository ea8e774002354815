// Package hardware is everything we sell that can be held: products, deliveries of the
// hardware lines of an order with serial numbers, and for every delivered item who
// bears the risk, who owns it, until when a defect may be reported and whether it is
// under warranty.
//
// Hardware meets the other domains through facts only: it learns an order's hardware
// lines from quote.accepted, bills delivered items per delivery through the billing
// ledger (INV-7), learns payment from invoice.issued / invoice.paid / credit_note.issued
// and dunning from invoice.dunning_stage, and opens a support ticket for a defect report
// by publishing defect.reported (tickets answer with ticket.created).
//
// Rules enforced here (see shared/domain/rules.md):
//   - HW-1 sold, delivered to the registered address unless agreed; what is not included
//     unless agreed is printed on the delivery note (and the quote)
//   - HW-2 refused/undeliverable goods are stored at the customer's cost and risk (storage
//     charged per started week); a delivery that cannot be made may be terminated without
//     liability, its charges cancelled
//   - HW-3 risk passes at delivery (004, default) or at dispatch (002)
//   - HW-4 / INV-8 retention of title until the invoices for the hardware and related
//     services are paid (004, default) or everything owed under the agreement (002)
//   - HW-5 inspection windows: visible defects within 24 real hours of delivery, hidden
//     defects until the end of the 5th working day after discovery (CAL-1 calendar)
//   - HW-6 returns only with an approved RMA
//   - HW-7 warranty = the manufacturer's term; none outside the EU, for discounted or
//     second-hand hardware; repair or replacement only
package hardware
