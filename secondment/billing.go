package secondment

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/billing"
	"backoffice/internal/civil"
	"backoffice/internal/events"
	"backoffice/internal/i18n"
)

// bandLabels name the bands on an invoice line (Dutch, as the customer reads it).
var bandLabels = map[Band]string{
	BandBase:          "Uren",
	BandEvening:       "Uren avond",
	BandNight:         "Uren nacht",
	BandNonWorkingDay: "Uren weekend/feestdag",
}

// bandRate is the hours of one band at one rate in a final statement.
type bandRate struct {
	Band    Band
	Rate    decimal.Decimal
	Minutes int
	Amount  decimal.Decimal
}

// statementCharges groups a final statement's segments by band and rate (SEC-3), summing
// the rounded segment amounts so the charges add up to the statement to the cent.
func statementCharges(st Statement) []bandRate {
	byKey := map[string]*bandRate{}
	for _, e := range st.Entries {
		if e.Status != StatusApproved {
			continue
		}
		for _, sg := range e.Segments {
			k := string(sg.Band) + "@" + sg.Rate.String()
			br := byKey[k]
			if br == nil {
				br = &bandRate{Band: sg.Band, Rate: sg.Rate, Amount: decimal.Zero}
				byKey[k] = br
			}
			br.Minutes += sg.Minutes
			br.Amount = br.Amount.Add(sg.Amount)
		}
	}
	out := make([]bandRate, 0, len(byKey))
	for _, br := range byKey {
		out = append(out, *br)
	}
	sort.Slice(out, func(i, j int) bool {
		if bandIndex(out[i].Band) != bandIndex(out[j].Band) {
			return bandIndex(out[i].Band) < bandIndex(out[j].Band)
		}
		return out[i].Rate.LessThan(out[j].Rate)
	})
	return out
}

// publishStatement writes a final statement to the charges ledger (SEC-4: monthly in
// arrears, billable on the first day of the next month): one charge per band and rate,
// one per expense; and publishes statement.finalised.
func publishStatement(ctx context.Context, tx bun.IDB, now time.Time, p *Placement, statementID int64, m civil.Month, st Statement) error {
	first, last := m.First(), m.Last()
	on := m.Next().First()
	agreement := billing.Agreement{Kind: "placement", ID: p.ID}
	src := billing.Source{Domain: "secondment", Kind: "statement", ID: statementID}
	monthName := fmt.Sprintf("%s %d", dutchMonths[m.Month-1], m.Year)
	for _, br := range statementCharges(st) {
		hours := decimal.NewFromInt(int64(br.Minutes)).Div(decimal.NewFromInt(60))
		q, price, lump := billing.PriceFor(hours, br.Amount)
		unit := "hour"
		desc := fmt.Sprintf("%s %s, %s — %s uur à %s", bandLabels[br.Band], p.Role, monthName, HoursMinutes(br.Minutes), i18n.Euro(br.Rate))
		if lump {
			unit = "month"
		}
		_, _, err := billing.Add(ctx, tx, now, billing.New{CustomerID: p.CustomerID, Source: src, Agreement: agreement,
			Key: fmt.Sprintf("%s/%s@%s", src, br.Band, br.Rate.String()), Description: desc, LineKind: billing.Services,
			Quantity: q, Unit: unit, UnitPrice: price, VATRate: billing.VAT21, PeriodStart: &first, PeriodEnd: &last,
			BillableOn: on, TermsProfile: "004"})
		if err != nil {
			return err
		}
	}
	for _, x := range st.Expenses {
		d := x.Date
		desc := fmt.Sprintf("%s %s: %s", expenseLabels[x.Kind], d.String(), x.Description)
		if len(desc) > 500 {
			desc = desc[:500]
		}
		_, _, err := billing.Add(ctx, tx, now, billing.New{CustomerID: p.CustomerID, Source: billing.Source{Domain: "secondment", Kind: "expense", ID: x.ID},
			Agreement: agreement, Description: desc, LineKind: billing.Services, Quantity: decimal.NewFromInt(1), Unit: "piece",
			UnitPrice: x.Amount, VATRate: billing.VAT21, PeriodStart: &d, PeriodEnd: &d, BillableOn: on, TermsProfile: "004"})
		if err != nil {
			return err
		}
	}
	_, err := events.Publish(ctx, tx, now, events.StatementFinalised, "statement", statementID,
		events.StatementFinalisedPayload{StatementID: statementID, PlacementID: p.ID, CustomerID: p.CustomerID, Month: m.String()})
	return err
}

var dutchMonths = [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

var expenseLabels = map[ExpenseKind]string{ExpenseTravel: "Reiskosten", ExpenseLodging: "Verblijfkosten", ExpenseOther: "Onkosten"}
