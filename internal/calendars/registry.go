// Package calendars stores custom business calendars and serves the calendar API and
// pages. The arithmetic itself (CAL-1 working days, CAL-2 hours, CAL-3 notice
// delivery) is the pure package internal/calendar; this package finds a calendar by id
// among the built-ins and the custom ones in the database.
package calendars

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/calendar"
	"backoffice/internal/db"
	"backoffice/internal/problem"
)

// Row is a stored custom calendar.
type Row struct {
	bun.BaseModel `bun:"table:calendars"`

	ID         string          `bun:"id,pk"`
	Definition json.RawMessage `bun:"definition,type:jsonb"`
	CreatedAt  time.Time       `bun:"created_at"`
	UpdatedAt  time.Time       `bun:"updated_at"`
}

// Registry finds calendars by id.
type Registry struct{ db bun.IDB }

// NewRegistry returns a registry over db.
func NewRegistry(db bun.IDB) *Registry { return &Registry{db: db} }

// ErrCalendarNotFound is answered for an unknown calendar id.
var ErrCalendarNotFound = problem.New(404, "calendar_not_found", "no calendar with this id")

// Get returns the built-in or custom calendar id.
func (r *Registry) Get(ctx context.Context, id string) (*calendar.Calendar, error) {
	return Get(ctx, r.db, id)
}

// MustBuiltin returns a built-in calendar; it panics for an unknown id (programming error).
func MustBuiltin(id string) *calendar.Calendar {
	c, ok := calendar.Builtin(id)
	if !ok {
		panic("calendars: no built-in calendar " + id)
	}
	return c
}

// Get looks id up through db (a caller's transaction may be passed).
func Get(ctx context.Context, db bun.IDB, id string) (*calendar.Calendar, error) {
	if c, ok := calendar.Builtin(id); ok {
		return c, nil
	}
	var row Row
	err := db.NewSelect().Model(&row).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %q", ErrCalendarNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	var def calendar.Definition
	if err := json.Unmarshal(row.Definition, &def); err != nil {
		return nil, fmt.Errorf("calendars: stored definition of %s: %w", id, err)
	}
	return calendar.New(def)
}

// List returns the built-ins followed by the custom calendars.
func (r *Registry) List(ctx context.Context) ([]*calendar.Calendar, error) {
	out := calendar.Builtins()
	var rows []Row
	if err := r.db.NewSelect().Model(&rows).Order("id").Scan(ctx); err != nil {
		return nil, err
	}
	for _, row := range rows {
		var def calendar.Definition
		if err := json.Unmarshal(row.Definition, &def); err != nil {
			return nil, err
		}
		c, err := calendar.New(def)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// DefinitionProblem turns the calendar package's definition errors into a 422.
func DefinitionProblem(err error) error {
	var de *calendar.DefinitionError
	if !errors.As(err, &de) {
		return err
	}
	var f problem.Fields
	for _, fe := range de.Fields {
		f.Add(fe.Field, fe.Message)
	}
	return f.Err()
}

// ErrBuiltinReadOnly refuses changes to a built-in calendar.
var ErrBuiltinReadOnly = problem.Conflict("calendar_builtin", "built-in calendars cannot be changed; create a custom calendar instead")

// Save creates (create=true) or replaces a custom calendar.
func (r *Registry) Save(ctx context.Context, db bun.IDB, def calendar.Definition, create bool, now time.Time) (*calendar.Calendar, error) {
	if _, ok := calendar.Builtin(def.ID); ok {
		return nil, ErrBuiltinReadOnly
	}
	c, err := calendar.New(def)
	if err != nil {
		return nil, DefinitionProblem(err)
	}
	b, err := json.Marshal(c.Definition())
	if err != nil {
		return nil, err
	}
	row := &Row{ID: def.ID, Definition: b, CreatedAt: now, UpdatedAt: now}
	if create {
		_, err = db.NewInsert().Model(row).Exec(ctx)
		if err != nil && isUnique(err) {
			return nil, problem.Conflict("calendar_exists", "a calendar with this id exists")
		}
		return c, err
	}
	res, err := db.NewUpdate().Model(row).Column("definition", "updated_at").WherePK().Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrCalendarNotFound
	}
	return c, nil
}

func isUnique(err error) bool { return db.Code(err) == db.UniqueViolation }
