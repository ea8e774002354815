// Package invoices makes the documents of the back office: invoices and credit notes
// from the open charges of the billing ledger (internal/billing), with gapless number
// series, Dutch VAT per line, PDF and Peppol BIS Billing 3.0 UBL, invoice runs, the
// admin pages and the customer portal.
//
// Rules enforced here:
//   - INV-1: prices exclude VAT; 21 %, 9 %, 0 % and exempt per line; reverse charge for
//     EU B2B services ("btw verlegd"), intra-EU supply of goods, exports; gapless unique
//     numbers; an issued invoice never changes (the database refuses it) — corrections are
//     credit notes with their own series; every field of art. 35a Wet OB on the document.
//   - INV-2: payment within 14 days of the invoice date by default; a contract (the
//     charge's agreed term) or the customer's settings may agree another.
//   - INV-7: invoices are made from the charges the domains wrote when something became
//     billable (orders at acceptance, contracts in advance, statements in arrears).
//   - prices exclude VAT; Q-9: on termination every open charge is billable at once
//     (the run takes every open charge billable by its date); SEC-4: secondment
//     statements arrive as monthly charges and are invoiced like any other.
//
// Payments, dunning and interest live in invoices/receivables, which uses ForSettlement
// and RecordSettlement to change the only columns of an issued invoice that may change.
package invoices
