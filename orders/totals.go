package orders

import (
	"sort"

	"github.com/shopspring/decimal"
)

// ComputeTotals sums lines into net, VAT and gross. Line totals are already rounded to
// cents; VAT is computed on the sum of the line totals of each rate and rounded once per rate,
// so a quote of many small lines does not accumulate rounding differences. PerRate is sorted
// from the highest rate down.
func ComputeTotals(lines []Line) Totals {
	t := Totals{
		Net: decimal.Zero, VAT: decimal.Zero, Gross: decimal.Zero,
		OneOff: decimal.Zero, RecurringMonthly: decimal.Zero, RecurringYearly: decimal.Zero,
	}
	bases := make(map[string]*VATLine, 3)
	for _, l := range lines {
		lt := l.Total()
		t.Net = t.Net.Add(lt)
		switch {
		case l.Kind == KindRecurring && l.Period == PeriodMonth:
			t.RecurringMonthly = t.RecurringMonthly.Add(lt)
		case l.Kind == KindRecurring && l.Period == PeriodYear:
			t.RecurringYearly = t.RecurringYearly.Add(lt)
		default:
			t.OneOff = t.OneOff.Add(lt)
		}
		key := l.VATRate.String()
		b, ok := bases[key]
		if !ok {
			b = &VATLine{Rate: l.VATRate, Base: decimal.Zero}
			bases[key] = b
		}
		b.Base = b.Base.Add(lt)
	}
	for _, b := range bases {
		b.VAT = RoundCents(b.Base.Mul(b.Rate).Div(decimal.NewFromInt(100)))
		t.VAT = t.VAT.Add(b.VAT)
		t.PerRate = append(t.PerRate, *b)
	}
	sort.Slice(t.PerRate, func(i, j int) bool { return t.PerRate[i].Rate.GreaterThan(t.PerRate[j].Rate) })
	t.Gross = t.Net.Add(t.VAT)
	return t
}
