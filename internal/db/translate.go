package db

import (
	"errors"
	"fmt"

	"backoffice/internal/problem"
)

// Constraints maps a constraint's name to the problem a domain answers when a write
// violates it ("hour_entries_no_overlap" → ErrOverlappingHours).
type Constraints map[string]error

// Translate is the one mapping of database errors to problems, used by every store:
//   - nil stays nil, and a problem stays what it is;
//   - no rows → notFound (problem.NotFound("quote"), or a domain's own 404);
//   - a violated constraint named in known → its problem;
//   - any other unique or exclusion violation → 409 conflict naming the constraint;
//   - a failed foreign key or CHECK → 422 on the constraint (the domain validated first;
//     this is the schema's last line of defence);
//   - anything else unchanged (a 500).
func Translate(err error, notFound error, known Constraints) error {
	var pe *problem.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return err
	case IsNoRows(err):
		return notFound
	}
	name := Constraint(err)
	if p, ok := known[name]; ok && name != "" {
		return p
	}
	switch Code(err) {
	case UniqueViolation, ExclusionViolation:
		return fmt.Errorf("%w: %s", problem.ErrConflict, name)
	case ForeignKeyViolation, CheckViolation:
		return problem.Invalid(name, "violates "+name)
	}
	return err
}
