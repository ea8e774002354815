package accounts

import (
	"context"
	"strconv"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/listq"
)

// UserList is the users page's sorts and cursor (internal/listq): by name
// (users_list_name_idx), by e-mail (users_list_email_idx) or newest first.
var UserList = listq.Spec[auth.User]{ID: "id", IDOf: func(u auth.User) int64 { return u.ID },
	Sorts: []listq.Column[auth.User]{
		{Key: "name", Expr: "lower(name)", Arg: "lower(?)", Value: func(u auth.User) string { return u.Name }},
		{Key: "email", Expr: "email", Value: func(u auth.User) string { return u.Email }},
		{Key: "created", Expr: "id", Value: func(u auth.User) string { return strconv.FormatInt(u.ID, 10) }},
	}}

// UserFilter narrows the users page: a role ("" = every role).
type UserFilter struct{ Role string }

// ListUsersQ returns the users of the list query lq and filter f (at most lq.Fetch():
// search in name and e-mail, sort, cursor), for the users page and its CSV export.
func ListUsersQ(ctx context.Context, b bun.IDB, f UserFilter, lq listq.Query) ([]auth.User, error) {
	var rows []auth.User
	p := lq.Params(b)
	q := auth.ScopeWith(b.NewSelect().Model(&rows), auth.FromContext(ctx), "customer_id", p)
	if f.Role != "" {
		q = q.Where("role = ?", p.Arg(f.Role))
	}
	if lq.Searching() {
		q = q.Where("(name || ' ' || email) ILIKE ?", lq.Like())
	}
	err := p.Scan(ctx, UserList.Apply(q, lq, p), &rows)
	return rows, err
}
