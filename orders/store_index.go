package orders

import (
	"backoffice/internal/db"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/civil"
	"backoffice/internal/problem"
)

type seriesRow struct {
	bun.BaseModel `bun:"table:index_series,alias:s"`

	Code        string    `bun:"code,pk"`
	Name        string    `bun:"name"`
	Base        string    `bun:"base"`
	RebasedFrom *string   `bun:"rebased_from"`
	CreatedAt   time.Time `bun:"created_at"`
}

type valueRow struct {
	bun.BaseModel `bun:"table:index_values,alias:v"`

	SeriesCode string          `bun:"series_code,pk"`
	Period     civil.Date      `bun:"period,pk,type:date"`
	Value      decimal.Decimal `bun:"value,type:numeric"`
	UpdatedAt  time.Time       `bun:"updated_at"`
}

// ErrIndexSeriesExists answers a second series with the same code.
var ErrIndexSeriesExists = problem.Conflict("index_series_exists", "an index series with this code already exists")

func insertSeries(ctx context.Context, idb bun.IDB, s *IndexSeries, now time.Time) error {
	r := &seriesRow{Code: s.Code, Name: s.Name, Base: s.Base, RebasedFrom: strPtr(s.RebasedFrom), CreatedAt: now}
	_, err := idb.NewInsert().Model(r).Exec(ctx)
	switch {
	case isUniqueOn(err, "index_series_pkey"):
		return refuse(ErrIndexSeriesExists, "an index series with code %q already exists", s.Code)
	case isUniqueOn(err, "index_series_rebased_from_key"):
		return refuse(problem.ErrConflict, "series %s already has a rebased successor", s.RebasedFrom)
	}
	return db.Translate(err, problem.NotFound("index series"), nil)
}

// loadSeries loads every series with its values: the lineages of all contracts are built
// from them (CBS series are small: a few hundred months each).
func loadSeries(ctx context.Context, idb bun.IDB) (map[string]*IndexSeries, error) {
	var rows []seriesRow
	if err := idb.NewSelect().Model(&rows).Order("code").Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]*IndexSeries, len(rows))
	for _, r := range rows {
		out[r.Code] = &IndexSeries{Code: r.Code, Name: r.Name, Base: r.Base, RebasedFrom: deref(r.RebasedFrom), Values: map[civil.Month]decimal.Decimal{}}
	}
	var vals []valueRow
	if err := idb.NewSelect().Model(&vals).Order("series_code", "period").Scan(ctx); err != nil {
		return nil, err
	}
	for _, v := range vals {
		if s := out[v.SeriesCode]; s != nil {
			s.Values[civil.Month{Year: v.Period.Year, Month: v.Period.Month}] = v.Value
		}
	}
	return out, nil
}

// seriesForUpdate locks a series row so concurrent value uploads serialise.
func seriesForUpdate(ctx context.Context, idb bun.IDB, code string) (*seriesRow, error) {
	r := new(seriesRow)
	if err := idb.NewSelect().Model(r).Where("code = ?", code).For("UPDATE").Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound("index series "+code), nil)
	}
	return r, nil
}

// upsertValues writes monthly values, replacing earlier ones (CBS revises provisional
// figures); it returns how many rows were new and how many changed.
func upsertValues(ctx context.Context, idb bun.IDB, code string, vals []MonthValue, now time.Time) (created, updated int, err error) {
	if len(vals) == 0 {
		return 0, 0, nil
	}
	existing := map[civil.Date]decimal.Decimal{}
	var cur []valueRow
	if err := idb.NewSelect().Model(&cur).Where("series_code = ?", code).Scan(ctx); err != nil {
		return 0, 0, err
	}
	for _, c := range cur {
		existing[c.Period] = c.Value
	}
	rows := make([]valueRow, 0, len(vals))
	for _, v := range vals {
		p := civil.D(v.Period.Year, v.Period.Month, 1)
		old, ok := existing[p]
		switch {
		case !ok:
			created++
		case !old.Equal(v.Value):
			updated++
		default:
			continue
		}
		rows = append(rows, valueRow{SeriesCode: code, Period: p, Value: v.Value, UpdatedAt: now})
	}
	if len(rows) == 0 {
		return 0, 0, nil
	}
	_, err = idb.NewInsert().Model(&rows).On("CONFLICT (series_code, period) DO UPDATE").
		Set("value = EXCLUDED.value, updated_at = EXCLUDED.updated_at").Exec(ctx)
	return created, updated, db.Translate(err, problem.NotFound("index value"), nil)
}

type runRow struct {
	bun.BaseModel `bun:"table:indexation_runs,alias:r"`

	ID          int64      `bun:"id,pk,autoincrement"`
	Year        int        `bun:"year"`
	Status      string     `bun:"status"`
	AnnouncedOn civil.Date `bun:"announced_on,type:date"`
	CreatedAt   time.Time  `bun:"created_at"`
	CreatedBy   *int64     `bun:"created_by"`
	AppliedAt   *time.Time `bun:"applied_at"`
	AppliedBy   *int64     `bun:"applied_by"`
}

type proposalRow struct {
	bun.BaseModel `bun:"table:indexation_proposals,alias:p"`

	ID               int64           `bun:"id,pk,autoincrement"`
	RunID            int64           `bun:"run_id"`
	ContractID       int64           `bun:"contract_id"`
	ContractLineID   int64           `bun:"contract_line_id"`
	Effective        civil.Date      `bun:"effective,type:date"`
	OldFee           decimal.Decimal `bun:"old_fee,type:numeric"`
	NewFee           decimal.Decimal `bun:"new_fee,type:numeric"`
	Factor           decimal.Decimal `bun:"factor,type:numeric"`
	Method           string          `bun:"method"`
	Series           string          `bun:"series"`
	IndexNew         json.RawMessage `bun:"index_new,type:jsonb"`
	IndexPrev        json.RawMessage `bun:"index_prev,type:jsonb"`
	Outcome          string          `bun:"outcome"`
	Rule             string          `bun:"rule"`
	Reason           string          `bun:"reason"`
	Bounded          string          `bun:"bounded"`
	TerminationRight bool            `bun:"termination_right"`
}

// pointJSON is how index points are kept with a proposal.
type pointJSON struct {
	Period  civil.Month     `json:"period"`
	Series  string          `json:"series"`
	Value   decimal.Decimal `json:"value"`
	Chained decimal.Decimal `json:"chained_value"`
}

func pointsJSON(ps []IndexPoint) (json.RawMessage, error) {
	out := make([]pointJSON, len(ps))
	for i, p := range ps {
		out[i] = pointJSON{p.Period, p.Series, p.Value, p.Chained.Round(6)}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("orders: index points: %w", err)
	}
	return b, nil
}

func pointsFrom(raw json.RawMessage) ([]IndexPoint, error) {
	var in []pointJSON
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, fmt.Errorf("orders: stored index points: %w", err)
		}
	}
	out := make([]IndexPoint, len(in))
	for i, p := range in {
		out[i] = IndexPoint{Period: p.Period, Series: p.Series, Value: p.Value, Chained: p.Chained}
	}
	return out, nil
}

// IndexationRun is a stored proposal (and, once applied, the record of the indexation).
type IndexationRun struct {
	ID          int64
	Year        int
	Status      string
	AnnouncedOn civil.Date
	CreatedAt   time.Time
	AppliedAt   *time.Time
	Proposals   []Proposal
}

func insertRun(ctx context.Context, idb bun.IDB, run *IndexationRun, by int64) error {
	r := &runRow{Year: run.Year, Status: run.Status, AnnouncedOn: run.AnnouncedOn, CreatedAt: run.CreatedAt}
	if by != 0 {
		r.CreatedBy = &by
	}
	if _, err := idb.NewInsert().Model(r).Returning("id").Exec(ctx); err != nil {
		return db.Translate(err, problem.NotFound("indexation run"), nil)
	}
	run.ID = r.ID
	if len(run.Proposals) == 0 {
		return nil
	}
	rows := make([]proposalRow, len(run.Proposals))
	for i, p := range run.Proposals {
		idxNew, err := pointsJSON(p.IndexNew)
		if err != nil {
			return err
		}
		idxPrev, err := pointsJSON(p.IndexPrev)
		if err != nil {
			return err
		}
		rows[i] = proposalRow{RunID: run.ID, ContractID: p.ContractID, ContractLineID: p.ContractLineID, Effective: p.Effective,
			OldFee: p.OldFee, NewFee: p.NewFee, Factor: p.Factor, Method: string(p.Method), Series: p.Series,
			IndexNew: idxNew, IndexPrev: idxPrev, Outcome: string(p.Outcome),
			Rule: p.Rule, Reason: p.Reason, Bounded: p.Bounded, TerminationRight: p.TerminationRight}
	}
	_, err := idb.NewInsert().Model(&rows).Exec(ctx)
	return db.Translate(err, problem.NotFound("indexation proposal"), nil)
}

func getRun(ctx context.Context, idb bun.IDB, id int64, lock bool) (*IndexationRun, error) {
	r := new(runRow)
	q := idb.NewSelect().Model(r).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, db.Translate(err, problem.NotFound(fmt.Sprintf("indexation run %d", id)), nil)
	}
	var rows []proposalRow
	if err := idb.NewSelect().Model(&rows).Where("run_id = ?", id).Order("contract_id", "contract_line_id").Scan(ctx); err != nil {
		return nil, err
	}
	run := &IndexationRun{ID: r.ID, Year: r.Year, Status: r.Status, AnnouncedOn: r.AnnouncedOn, CreatedAt: r.CreatedAt, AppliedAt: r.AppliedAt}
	for _, p := range rows {
		idxNew, err := pointsFrom(p.IndexNew)
		if err != nil {
			return nil, err
		}
		idxPrev, err := pointsFrom(p.IndexPrev)
		if err != nil {
			return nil, err
		}
		run.Proposals = append(run.Proposals, Proposal{ContractID: p.ContractID, ContractLineID: p.ContractLineID,
			Effective: p.Effective, OldFee: p.OldFee, NewFee: p.NewFee, Factor: p.Factor, Method: IndexMethod(p.Method),
			Series: p.Series, IndexNew: idxNew, IndexPrev: idxPrev,
			Outcome: ProposalOutcome(p.Outcome), Rule: p.Rule, Reason: p.Reason, Bounded: p.Bounded, TerminationRight: p.TerminationRight})
	}
	return run, nil
}

func markRunApplied(ctx context.Context, idb bun.IDB, id int64, now time.Time, by int64) error {
	q := idb.NewUpdate().TableExpr("indexation_runs").Set("status = 'applied'").Set("applied_at = ?", now).Where("id = ?", id)
	if by != 0 {
		q = q.Set("applied_by = ?", by)
	}
	_, err := q.Exec(ctx)
	if isUniqueOn(err, "indexation_runs_one_applied") {
		return refuse(problem.ErrConflict, "an indexation run for this year has already been applied")
	}
	return db.Translate(err, problem.NotFound("indexation run"), nil)
}

// applyFee sets a contract line's new fee as of effective and records the change.
func applyFee(ctx context.Context, idb bun.IDB, p Proposal, runID int64, now time.Time) error {
	res, err := idb.NewUpdate().TableExpr("contract_lines").Set("fee = ?, fee_since = ?", p.NewFee, p.Effective).
		Where("id = ? AND fee = ? AND fee_since < ?", p.ContractLineID, p.OldFee, p.Effective).Exec(ctx)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return refuse(ErrIndexationStale, "the fee of contract line %d changed since the proposal", p.ContractLineID)
	}
	_, err = idb.NewRaw(`INSERT INTO contract_fee_changes (contract_line_id, effective, old_fee, new_fee, run_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, p.ContractLineID, p.Effective, p.OldFee, p.NewFee, runID, now).Exec(ctx)
	return db.Translate(err, problem.NotFound("fee change"), nil)
}
