package secondment

import (
	"context"

	"github.com/shopspring/decimal"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
)

// HomeCap is where a home card stops counting (shown "50+").
const HomeCap = 50

// BandMinutes are the minutes of a week in one overtime band (SEC-3).
type BandMinutes struct {
	Band    Band
	Percent decimal.Decimal // 100 + the band's surcharge: 100, 150, 200 …
	Minutes int
}

// HomeHours are the hour figures of a role's home.
type HomeHours struct {
	Submitted int64 // entries waiting for approval the principal may see (their own for a technician)
	// technician only: this week's logged minutes (submitted and approved), per band
	Week        civil.Date // its Monday
	WeekMinutes int
	Bands       []BandMinutes
}

// HomeHours reads the hour figures of the principal's home: entries waiting for approval
// and, for a technician, this week's hours split by overtime band as they were priced.
func (s *Service) HomeHours(ctx context.Context) (*HomeHours, error) {
	p := auth.FromContext(ctx)
	h := &HomeHours{}
	var err error
	if h.Submitted, err = countSubmitted(ctx, s.db, p, HomeCap); err != nil {
		return nil, err
	}
	if !p.Is(auth.Technician) {
		return h, nil
	}
	week, from, to := weekOf(civil.In(s.clock.Now(), clock.Amsterdam))
	h.Week = week
	es, err := listEntries(ctx, s.db, p, EntryFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	h.WeekMinutes, h.Bands = WeekBands(es)
	return h, nil
}

// WeekBands sums the live (submitted or approved) entries' segments per band and
// surcharge, in the order of Bands.
func WeekBands(es []HourEntry) (total int, bands []BandMinutes) {
	for _, e := range es {
		if e.Status != StatusSubmitted && e.Status != StatusApproved {
			continue
		}
		total += e.Minutes
		for _, sg := range e.Segments {
			pct := decimal.NewFromInt(100).Add(sg.SurchargePercent)
			found := false
			for i := range bands {
				if bands[i].Band == sg.Band && bands[i].Percent.Equal(pct) {
					bands[i].Minutes += sg.Minutes
					found = true
				}
			}
			if !found {
				bands = append(bands, BandMinutes{Band: sg.Band, Percent: pct, Minutes: sg.Minutes})
			}
		}
	}
	order := map[Band]int{}
	for i, b := range Bands {
		order[b] = i
	}
	for i := 1; i < len(bands); i++ { // insertion sort: a handful of bands
		for j := i; j > 0 && (order[bands[j].Band] < order[bands[j-1].Band] ||
			(bands[j].Band == bands[j-1].Band && bands[j].Percent.LessThan(bands[j-1].Percent))); j-- {
			bands[j], bands[j-1] = bands[j-1], bands[j]
		}
	}
	return total, bands
}
