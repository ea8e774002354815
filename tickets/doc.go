// Package tickets is the support desk: customers report incidents, defects, questions,
// requests and personal-data breaches; technicians and account managers answer them
// against the response and resolution targets of the customer's service level (SLA
// policy), counted in the business hours of the policy's support calendar.
//
// The SLA clock is pure (sla.go): due times are derived from a ticket's event log on
// every read, so a change of priority or policy moves them as if it had been so from
// the start, credited pauses are kept, and every due time comes with the steps that
// made it. Availability reports (availability.go) compute the quarterly availability
// of a service.
//
// Rules enforced here (see shared/domain/rules.md):
//   - T-1 reports carry the information needed to reproduce (subject, description, category)
//   - T-2 response/resolution clocks start at receipt, run in business hours, pause while
//     waiting on the customer
//   - T-3 the Cliendo variant: 48 business hours on the cliendo-support calendar
//   - T-4 resolutions fix | workaround | not_covered (billable per hour)
//   - T-5 availability 99.95% per calendar quarter; two consecutive quarters below give a
//     termination right; announced planned work and customer-caused outages are not downtime
//   - T-6 a data breach carries the controller-notice deadline: discovery + 72 hours
//   - CAL-1/CAL-2 working days and support hours come from the calendar package
package tickets
