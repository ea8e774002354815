package accounts_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam)

func TestLogin(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	u := testkit.User(t, testkit.UserOpts{Role: auth.AccountManager})
	t.Run("201_token_and_user", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": strings.ToUpper(u.Email), "password": testkit.Password}).Expect(t, 200)
		var out struct {
			Token string
			User  struct {
				ID    int64
				Email string
				Role  string
			}
		}
		r.JSON(t, &out)
		if out.Token == "" || out.User.ID != u.ID || out.User.Role != "account_manager" {
			t.Fatalf("login answer %s", r.Body)
		}
		a.Do(t, "GET", "/api/v1/auth/me", out.Token, nil).Expect(t, 200)
		a.Do(t, "POST", "/api/v1/auth/logout", out.Token, nil).Expect(t, 204)
		if c := a.Do(t, "GET", "/api/v1/auth/me", out.Token, nil).Expect(t, 401).Code(t); c != "invalid_token" {
			t.Fatalf("revoked token code %q", c)
		}
	})
	t.Run("401_wrong_password", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": u.Email, "password": "nope"}).Expect(t, 401)
		if r.Code(t) != "invalid_credentials" || r.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s %s", r.Header.Get("Content-Type"), r.Body)
		}
	})
	t.Run("400_malformed_and_unknown_field", func(t *testing.T) {
		if c := a.Do(t, "POST", "/api/v1/auth/login", "", `{"email":`).Expect(t, 400).Code(t); c != "malformed_json" {
			t.Fatal(c)
		}
		if c := a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": "a@b.c", "password": "x", "extra": 1}).Expect(t, 400).Code(t); c != "unknown_field" {
			t.Fatal(c)
		}
	})
	t.Run("429_rate_limited", func(t *testing.T) {
		victim := testkit.User(t, testkit.UserOpts{Role: auth.Technician})
		var last int
		for i := 0; i < 12; i++ {
			last = a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": victim.Email, "password": "guess"}).Status
		}
		if last != http.StatusTooManyRequests {
			t.Fatalf("12th attempt answered %d, want 429", last)
		}
	})
}

func TestCustomers(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	var created struct {
		ID        int64
		Name      string
		KvKNumber *string `json:"kvk_number"`
	}
	kvk := fmt.Sprintf("%08d", time.Now().UnixNano()%100_000_000)
	t.Run("201_create", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/customers", am.Token, map[string]any{"name": "Zorggroep Noord", "kvk_number": kvk,
			"vat_id": "NL001234567B01", "country": "NL", "city": "Groningen", "billing_email": "ap@noord.example"}).Expect(t, 201)
		r.JSON(t, &created)
		if created.ID == 0 || created.Name != "Zorggroep Noord" {
			t.Fatalf("%s", r.Body)
		}
	})
	t.Run("422_every_field_error_nothing_stored", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/customers", am.Token, map[string]any{"name": "", "kvk_number": "12", "country": "nl", "billing_email": "nope"}).Expect(t, 422)
		got := strings.Join(r.FieldErrors(t), ",")
		for _, f := range []string{"kvk_number", "country", "billing_email"} {
			if !strings.Contains(got, f) {
				t.Errorf("missing field error %s in %s", f, got)
			}
		}
	})
	t.Run("409_kvk_taken", func(t *testing.T) {
		if c := a.Do(t, "POST", "/api/v1/customers", am.Token, map[string]any{"name": "Other", "kvk_number": kvk}).Expect(t, 409).Code(t); c != "kvk_number_taken" {
			t.Fatal(c)
		}
	})
	t.Run("tenancy_customer_sees_only_own_company", func(t *testing.T) {
		own := testkit.Customer(t, testkit.CustomerOpts{})
		contact := testkit.Login(t, auth.Customer, &own.ID)
		a.Do(t, "GET", fmt.Sprintf("/api/v1/customers/%d", own.ID), contact.Token, nil).Expect(t, 200)
		r := a.Do(t, "GET", fmt.Sprintf("/api/v1/customers/%d", created.ID), contact.Token, nil).Expect(t, 404)
		if strings.Contains(string(r.Body), "Zorggroep") {
			t.Fatal("foreign record leaked")
		}
		var l struct{ Items []struct{ ID int64 } }
		a.Do(t, "GET", "/api/v1/customers", contact.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) != 1 || l.Items[0].ID != own.ID {
			t.Fatalf("customer list leaks: %+v", l.Items)
		}
		a.Do(t, "POST", "/api/v1/customers", contact.Token, map[string]any{"name": "x"}).Expect(t, 403)
	})
	t.Run("patch_is_audited_DATA-1", func(t *testing.T) {
		a.Do(t, "PATCH", fmt.Sprintf("/api/v1/customers/%d", created.ID), am.Token, map[string]any{"city": "Assen"}).Expect(t, 200)
		admin := testkit.Login(t, auth.Admin, nil)
		var l struct {
			Items []struct {
				Action     string
				ActorEmail string `json:"actor_email"`
				Changes    map[string]any
			}
		}
		a.Do(t, "GET", fmt.Sprintf("/api/v1/audit?entity=customer&entity_id=%d", created.ID), admin.Token, nil).Expect(t, 200).JSON(t, &l)
		if len(l.Items) != 2 || l.Items[0].Action != "update" || l.Items[0].ActorEmail != am.User.Email || l.Items[0].Changes["city"].(map[string]any)["to"] != "Assen" {
			t.Fatalf("audit %+v", l.Items)
		}
		a.Do(t, "GET", "/api/v1/audit", am.Token, nil).Expect(t, 403)
	})
	t.Run("cursor_pagination", func(t *testing.T) {
		for i := 0; i < 4; i++ {
			testkit.Customer(t, testkit.CustomerOpts{})
		}
		seen := map[int64]bool{}
		next := ""
		for pages := 0; pages < 50; pages++ {
			var l struct {
				Items []struct{ ID int64 }
				Next  *string
			}
			a.Do(t, "GET", "/api/v1/customers?limit=2"+next, am.Token, nil).Expect(t, 200).JSON(t, &l)
			for _, it := range l.Items {
				if seen[it.ID] {
					t.Fatalf("customer %d on two pages", it.ID)
				}
				seen[it.ID] = true
			}
			if l.Next == nil {
				break
			}
			next = "&after=" + *l.Next
		}
		if len(seen) < 6 {
			t.Fatalf("saw %d customers", len(seen))
		}
		a.Do(t, "GET", "/api/v1/customers?after=garbage", am.Token, nil).Expect(t, 400)
	})
}

func TestUsers(t *testing.T) {
	a := testkit.NewApp(t, t0, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{})
	t.Run("422_customer_role_needs_customer", func(t *testing.T) {
		r := a.Do(t, "POST", "/api/v1/users", admin.Token, map[string]any{"email": "x@y.example", "name": "X", "role": "customer", "password": "long-enough-pass"}).Expect(t, 422)
		if got := r.FieldErrors(t); len(got) != 1 || got[0] != "customer_id" {
			t.Fatal(got)
		}
		r = a.Do(t, "POST", "/api/v1/users", admin.Token, map[string]any{"email": "bad", "name": "", "role": "boss", "password": "short"}).Expect(t, 422)
		if got := r.FieldErrors(t); len(got) != 4 {
			t.Fatalf("want 4 field errors, got %v", got)
		}
	})
	t.Run("403_not_admin", func(t *testing.T) {
		am := testkit.Login(t, auth.AccountManager, nil)
		a.Do(t, "POST", "/api/v1/users", am.Token, map[string]any{"email": "x@y.example", "name": "X", "role": "admin", "password": "long-enough-pass"}).Expect(t, 403)
	})
	t.Run("deactivate_revokes_tokens", func(t *testing.T) {
		tech := testkit.Login(t, auth.Technician, nil)
		a.Do(t, "GET", "/api/v1/auth/me", tech.Token, nil).Expect(t, 200)
		a.Do(t, "PATCH", fmt.Sprintf("/api/v1/users/%d", tech.User.ID), admin.Token, map[string]any{"active": false}).Expect(t, 200)
		a.Do(t, "GET", "/api/v1/auth/me", tech.Token, nil).Expect(t, 401)
		a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": tech.User.Email, "password": testkit.Password}).Expect(t, 403)
	})
	t.Run("T-7_block_at_most_48h_by_other_representative", func(t *testing.T) {
		rep := testkit.Login(t, auth.Customer, &cust.ID)
		other := testkit.Login(t, auth.Customer, &cust.ID)
		foreignCust := testkit.Customer(t, testkit.CustomerOpts{})
		foreign := testkit.Login(t, auth.Customer, &foreignCust.ID)
		path := fmt.Sprintf("/api/v1/users/%d/block", other.User.ID)
		a.Do(t, "POST", path, rep.Token, map[string]any{"hours": 49, "reason": "suspected fraud"}).Expect(t, 422)
		a.Do(t, "POST", path, foreign.Token, map[string]any{"hours": 24, "reason": "suspected fraud"}).Expect(t, 404)
		a.Do(t, "POST", fmt.Sprintf("/api/v1/users/%d/block", rep.User.ID), rep.Token, map[string]any{"hours": 24, "reason": "x self"}).Expect(t, 409)
		var u struct {
			BlockedUntil time.Time `json:"blocked_until"`
		}
		a.Do(t, "POST", path, rep.Token, map[string]any{"hours": 48, "reason": "suspected fraud"}).Expect(t, 200).JSON(t, &u)
		if !u.BlockedUntil.Equal(t0.Add(48 * time.Hour)) {
			t.Fatalf("blocked until %s", u.BlockedUntil)
		}
		a.Do(t, "GET", "/api/v1/auth/me", other.Token, nil).Expect(t, 401)
		a.Clock.Set(t0.Add(47 * time.Hour))
		a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": other.User.Email, "password": testkit.Password}).Expect(t, 403)
		a.Clock.Set(t0.Add(48 * time.Hour))
		a.Do(t, "POST", "/api/v1/auth/login", "", map[string]any{"email": other.User.Email, "password": testkit.Password}).Expect(t, 200)
		a.Clock.Set(t0)
	})
}
