// Package orders is the sales side of the back office: account managers write quotes,
// customers accept them, accepted quotes become orders, and the recurring services in an
// order become service contracts whose fees are indexed every 1 January.
//
// Rules enforced here (see shared/domain/rules.md):
//
//   - Q-1 quotes are valid 30 days (or the quote's own term) from the Amsterdam date of
//     sending; acceptance after the end of that day is refused; expiry is derived when read
//     and never overwrites accepted, declined, withdrawn or superseded.
//   - Q-2 a composite quote is accepted whole: partial acceptance is refused.
//   - Q-3 acceptance records who, when and how (portal, signed PDF, e-mail) and is confirmed
//     by e-mail.
//   - Q-4 cancellation only when agreed, free until 5 working days before the start date,
//     later the full fee; trainings free until 5 calendar days before the date.
//   - Q-5 extra work is priced at the order's agreed rates, else the standard rates, needs the
//     customer's approval unless necessary, and fixed-price orders show the consequence first.
//   - Q-6 delivery dates are targets; the lead time starts when every precondition is met and
//     is extended by recorded extensions.
//   - Q-7 prices are euros excluding VAT; VAT is computed per rate and rounded once per rate.
//   - Q-8 contract terms (initial term, renewal, notice) come from a terms profile and can be
//     overridden per quote; a notice ends the running term when it is deemed delivered (CAL-3)
//     on or before the notice deadline, else the next term.
//   - Q-9 on termination outstanding claims fall due at once.
//   - IDX-1 fees are indexed as of 1 January by an index series (chained across rebasing) or
//     a fixed percentage, with optional floor and cap.
//   - IDX-2 increases under the 31 October rule that were not announced in time are dropped
//     unless inflation-driven.
//   - IDX-3 a new annual contract keeps its first-year price, increases need a month's notice,
//     and increases above 1.5 times the current fee are flagged.
//
// Money is decimal end to end and rounds half away from zero to cents at exactly two points:
// a line total (quantity × unit price) and the VAT of each rate. Indexed fees round once, to
// cents, after multiplying the old fee by the full-precision index ratio.
package orders
