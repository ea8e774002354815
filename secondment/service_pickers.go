package secondment

import (
	"context"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/calendars"
	"backoffice/internal/problem"
)

// Pickers are the customers and staff the placement forms choose from by name (issue 13:
// names where ids were typed). A customer user gets only the staff, for a replacement.
func (s *Service) Pickers(ctx context.Context) (customers, staff []accounts.Option, err error) {
	p := auth.FromContext(ctx)
	if p == nil {
		return nil, nil, problem.ErrUnauthorized
	}
	if p.IsStaff() {
		if customers, err = accounts.CustomerOptions(ctx, s.db, 1000); err != nil {
			return nil, nil, err
		}
	}
	staff, err = accounts.StaffOptions(ctx, s.db)
	return customers, staff, err
}

// Calendars are the calendars a placement may follow, by name, for the form's picker and
// for naming a placement's calendar on its pages.
func (s *Service) Calendars(ctx context.Context) ([]calendars.Choice, error) {
	return calendars.Choices(ctx, s.db)
}
