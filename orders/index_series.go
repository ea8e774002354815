package orders

import (
	"strings"

	"backoffice/internal/civil"

	"github.com/shopspring/decimal"
)

// IndexSeries is a published price index with one base (CBS CPI 2015=100). A rebased
// series (2025=100) names the series it continues in RebasedFrom (IDX-1).
type IndexSeries struct {
	Code        string
	Name        string
	Base        string
	RebasedFrom string
	Values      map[civil.Month]decimal.Decimal
}

// maxLineage bounds how many rebasings are followed; CBS rebases once a decade.
const maxLineage = 10

// divisionPrecision is the number of decimals kept when chaining series and dividing index
// values; fees are rounded to cents only after the final multiplication.
const divisionPrecision = 20

// Lineage is a series and all series it was rebased from or into, newest first, each with
// the factor that converts its values into the newest base (IDX-1: chain through the
// overlap, never mix bases).
type Lineage struct {
	series []*IndexSeries
	links  []decimal.Decimal
}

// IndexPoint is one index value used in a computation, with the series it came from and its
// value expressed in the newest base.
type IndexPoint struct {
	Period  civil.Month
	Series  string
	Value   decimal.Decimal
	Chained decimal.Decimal
}

// BuildLineage assembles the lineage of code from all known series: it follows successors
// (series rebased from it) to the newest and predecessors back to the oldest, and computes
// each link as the ratio of the two series' averages over all months both publish.
func BuildLineage(code string, all map[string]*IndexSeries) (*Lineage, error) {
	s, ok := all[code]
	if !ok {
		return nil, refuse(ErrIndexSeriesUnknown, "index series %q does not exist", code)
	}
	successor := make(map[string]*IndexSeries, len(all))
	for _, x := range all {
		if x.RebasedFrom != "" {
			successor[x.RebasedFrom] = x
		}
	}
	for i := 0; successor[s.Code] != nil; i++ {
		if i > maxLineage {
			return nil, refuse(ErrIndexSeriesCycle, "the rebasing chain of %s loops or is too long", code)
		}
		s = successor[s.Code]
	}
	l := &Lineage{series: []*IndexSeries{s}, links: []decimal.Decimal{decimal.NewFromInt(1)}}
	for s.RebasedFrom != "" {
		prev, ok := all[s.RebasedFrom]
		if !ok {
			return nil, refuse(ErrIndexSeriesUnknown, "index series %q is rebased from %q, which does not exist", s.Code, s.RebasedFrom)
		}
		if len(l.series) > maxLineage {
			return nil, refuse(ErrIndexSeriesCycle, "the rebasing chain of %s loops or is too long", code)
		}
		link, err := overlapLink(s, prev)
		if err != nil {
			return nil, err
		}
		l.series = append(l.series, prev)
		l.links = append(l.links, l.links[len(l.links)-1].Mul(link).Round(divisionPrecision))
		s = prev
	}
	return l, nil
}

// overlapLink is avg(newer over the overlap) / avg(older over the overlap).
func overlapLink(newer, older *IndexSeries) (decimal.Decimal, error) {
	sumNew, sumOld := decimal.Zero, decimal.Zero
	n := 0
	for m, v := range newer.Values {
		if o, ok := older.Values[m]; ok {
			sumNew, sumOld = sumNew.Add(v), sumOld.Add(o)
			n++
		}
	}
	if n == 0 || sumOld.IsZero() {
		return decimal.Zero, refuse(ErrIndexSeriesNoOverlap, "series %s (%s) and %s (%s) publish no common month; load the overlap to chain them (IDX-1)", newer.Code, newer.Base, older.Code, older.Base)
	}
	return sumNew.DivRound(sumOld, divisionPrecision), nil
}

// Newest is the code of the newest series in the lineage.
func (l *Lineage) Newest() string { return l.series[0].Code }

// NewestName names the newest series for a person (Label).
func (l *Lineage) NewestName() string { return l.series[0].Label() }

// Label names a series for a person: its stored name and base, "CBS Consumentenprijzen,
// CPI (2025=100)"; its code only when it has no name (issue 13).
func (s *IndexSeries) Label() string {
	switch {
	case s.Name == "":
		return s.Code
	case s.Base == "" || strings.Contains(s.Name, s.Base):
		return s.Name
	}
	return s.Name + " (" + s.Base + ")"
}

// Value finds m in the newest series that publishes it.
func (l *Lineage) Value(m civil.Month) (IndexPoint, int, bool) {
	for i, s := range l.series {
		if v, ok := s.Values[m]; ok {
			return IndexPoint{Period: m, Series: s.Code, Value: v, Chained: v.Mul(l.links[i]).Round(divisionPrecision)}, i, true
		}
	}
	return IndexPoint{}, 0, false
}

// Ratio is I(newer periods) / I(older periods): the ratio of the sums of the periods' values
// (a single month each, or the twelve months of two years for yearly averages). When all
// values come from one series the published values are divided directly; otherwise values
// are first chained into the newest base. missing lists periods without a value.
func (l *Lineage) Ratio(newer, older []civil.Month) (ratio decimal.Decimal, used []IndexPoint, missing []civil.Month) {
	sumRaw := [2]decimal.Decimal{decimal.Zero, decimal.Zero}
	sumChained := [2]decimal.Decimal{decimal.Zero, decimal.Zero}
	first, mixed := -1, false
	for side, periods := range [2][]civil.Month{newer, older} {
		for _, m := range periods {
			p, idx, ok := l.Value(m)
			if !ok {
				missing = append(missing, m)
				continue
			}
			if first == -1 {
				first = idx
			} else if idx != first {
				mixed = true
			}
			sumRaw[side] = sumRaw[side].Add(p.Value)
			sumChained[side] = sumChained[side].Add(p.Chained)
			used = append(used, p)
		}
	}
	if len(missing) > 0 {
		return decimal.Zero, used, missing
	}
	sums := sumRaw
	if mixed {
		sums = sumChained
	}
	if sums[1].IsZero() {
		return decimal.Zero, used, older
	}
	return sums[0].DivRound(sums[1], divisionPrecision), used, nil
}
