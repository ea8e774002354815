package customerdata_test

import (
	"archive/zip"
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/auth"
	"backoffice/internal/civil"
	"backoffice/internal/clock"
	"backoffice/internal/customerdata"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func addUpload(t *testing.T, a *testkit.App, customerID int64) {
	t.Helper()
	_, err := a.Deps.DB.NewRaw(`INSERT INTO uploads (owner_kind, owner_id, customer_id, filename, content_type, size, sha256, data, created_at)
		VALUES ('ticket', 1, ?, 'router photo.png', 'image/png', 4, '\x00', 'PNG!', now())`, customerID).Exec(context.Background())
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportDATA2: an admin or the customer's own contact downloads every record of the
// customer as JSON and CSV plus its documents in one zip; nobody else does.
func TestExportDATA2(t *testing.T) {
	a := testkit.NewApp(t, time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam), nil)
	cust := testkit.Customer(t, testkit.CustomerOpts{Name: testkit.Unique("Export B.V. ")})
	other := testkit.Customer(t, testkit.CustomerOpts{})
	contact := testkit.Login(t, auth.Customer, &cust.ID)
	stranger := testkit.Login(t, auth.Customer, &other.ID)
	admin := testkit.Login(t, auth.Admin, nil)
	am := testkit.Login(t, auth.AccountManager, nil)
	addUpload(t, a, cust.ID)
	path := "/api/v1/customers/" + itoa(cust.ID) + "/export"
	a.Do(t, "GET", path, stranger.Token, nil).Expect(t, 404)
	a.Do(t, "GET", path, am.Token, nil).Expect(t, 403)
	a.Do(t, "GET", path, "", nil).Expect(t, 401)
	for _, who := range []testkit.As{admin, contact} {
		res := a.Do(t, "GET", path, who.Token, nil).Expect(t, 200)
		zr, err := zip.NewReader(bytes.NewReader(res.Body), int64(len(res.Body)))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string]string{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			_, _ = b.ReadFrom(rc)
			rc.Close()
			files[f.Name] = b.String()
		}
		for _, want := range []string{"customers.json", "customers.csv", "users.json", "users.csv", "uploads.json", "documents/"} {
			found := false
			for n := range files {
				if strings.HasPrefix(n, want) {
					found = true
				}
			}
			if !found {
				t.Errorf("export lacks %s (has %d files)", want, len(files))
			}
		}
		if !strings.Contains(files["customers.json"], cust.Name) || !strings.Contains(files["users.json"], contact.User.Email) {
			t.Errorf("export misses the customer or its contact")
		}
		if strings.Contains(files["users.json"], "argon2") || strings.Contains(files["users.csv"], "password") {
			t.Error("export leaks password hashes")
		}
		if strings.Contains(files["customers.json"], other.Name) {
			t.Error("export holds another customer")
		}
		if files["documents/"+findDoc(files)] != "PNG!" {
			t.Errorf("upload content missing: %v", findDoc(files))
		}
	}
}

func findDoc(files map[string]string) string {
	for n := range files {
		if strings.HasPrefix(n, "documents/") {
			return strings.TrimPrefix(n, "documents/")
		}
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestEraseDATA2: destruction needs the name as confirmation, is refused while an agreement
// runs, anonymises the company and its contacts, deletes uploads, records what was kept
// and why, is audited, and happens once.
func TestEraseDATA2(t *testing.T) {
	a := testkit.NewApp(t, time.Date(2026, 3, 2, 10, 0, 0, 0, clock.Amsterdam), nil)
	admin := testkit.Login(t, auth.Admin, nil)
	busy := testkit.Customer(t, testkit.CustomerOpts{Name: testkit.Unique("Busy B.V. ")})
	gone := testkit.Customer(t, testkit.CustomerOpts{Name: testkit.Unique("Former B.V. ")})
	contact := testkit.Login(t, auth.Customer, &gone.ID)
	addUpload(t, a, gone.ID)
	customerdata.RegisterAgreement("test-running", func(ctx context.Context, db bun.IDB, id int64, today civil.Date) (bool, string, error) {
		return id == busy.ID, "a test agreement", nil
	})
	erase := func(c int64, confirm string) *testkit.Response {
		return a.Do(t, "POST", "/api/v1/customers/"+itoa(c)+"/erase", admin.Token, map[string]any{"confirm": confirm, "reason": "agreement ended; customer chose destruction"})
	}
	a.Do(t, "POST", "/api/v1/customers/"+itoa(gone.ID)+"/erase", testkit.Login(t, auth.AccountManager, nil).Token,
		map[string]any{"confirm": gone.Name, "reason": "x y z"}).Expect(t, 403)
	if r := erase(busy.ID, busy.Name).Expect(t, 409); r.Code(t) != "running_agreement" {
		t.Fatal(r.Code(t))
	}
	erase(gone.ID, "wrong name").Expect(t, 422)
	var rec customerdata.Erasure
	erase(gone.ID, gone.Name).Expect(t, 200).JSON(t, &rec)
	if rec.Erased["users"] != 1 || rec.Erased["uploads"] != 1 {
		t.Fatalf("erased %v", rec.Erased)
	}
	ctx := context.Background()
	var name, email string
	var active bool
	if err := a.Deps.DB.NewRaw("SELECT name FROM customers WHERE id = ?", gone.ID).Scan(ctx, &name); err != nil || strings.Contains(name, "Former") {
		t.Fatalf("company not anonymised: %q %v", name, err)
	}
	if err := a.Deps.DB.NewRaw("SELECT email, active FROM users WHERE id = ?", contact.User.ID).Scan(ctx, &email, &active); err != nil || active || !strings.HasSuffix(email, ".invalid") {
		t.Fatalf("contact not anonymised: %q %v %v", email, active, err)
	}
	a.Do(t, "GET", "/api/v1/auth/me", contact.Token, nil).Expect(t, 401)
	var n int
	_ = a.Deps.DB.NewRaw("SELECT count(*) FROM audit_log WHERE entity = 'customer' AND entity_id = ? AND action = 'erase'", itoa(gone.ID)).Scan(ctx, &n)
	if n != 1 {
		t.Fatalf("audit entries %d", n)
	}
	erase(gone.ID, "Erased customer "+itoa(gone.ID)).Expect(t, 409)
}
