package calendars

import (
	"context"

	"github.com/uptrace/bun"
)

// Choice is a calendar as a form offers it and a page names it: its id and display name.
type Choice struct {
	ID   string
	Name string
}

// Choices lists every calendar (built-ins, then custom ones) for a picker, so that a
// form offers calendars by name instead of asking for an id (issue 13: ids become names).
func Choices(ctx context.Context, db bun.IDB) ([]Choice, error) {
	cals, err := NewRegistry(db).List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Choice, len(cals))
	for i, c := range cals {
		out[i] = Choice{ID: c.ID(), Name: c.Name()}
	}
	return out, nil
}

// NameOf is the display name of calendar id among choices, or id itself when it is not
// there (a calendar deleted since).
func NameOf(choices []Choice, id string) string {
	for _, c := range choices {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}
