// Package secondment is the secondment (detachering) domain: placements of technicians
// with customers, the hours they log, the overtime band each minute falls in, expenses,
// and the monthly statement in arrears that invoicing bills.
//
// Rules enforced here (see shared/domain/rules.md):
//   - SEC-1 replacement of a seconded technician: the customer only for proven quality
//     failure or long-term absence, the provider for any reason after consultation.
//   - SEC-2 an indefinite placement ends by two calendar months' notice (configurable per
//     placement), counted from the day the notice is deemed delivered (CAL-3).
//   - SEC-3 overtime bands: every logged minute is priced by the band of its wall-clock
//     time in the placement's calendar (evening +50%, night and non-working days +100%),
//     split at every band boundary, at midnight and at holiday edges, in real elapsed
//     minutes so the daylight-saving nights count 23 and 25 hours.
//   - SEC-4 fees are stated monthly in arrears with travel and lodging costs; a cost is
//     corrected or deleted (by the technician who claimed it or the account manager) only
//     while its month's statement is open, as hours change only while submitted.
//   - CAL-1/CAL-2 working days and Werktijden come from the placement's business calendar,
//     the same one the SLA clock uses.
package secondment
