package orders

import (
	"testing"

	"backoffice/internal/auth"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// BenchmarkCreateQuoteAPI creates three-line quotes through the real router (decode,
// validation, totals, one transaction ending in the number and the audit entry, the
// answer from what the inserts returned). Each op is one POST /api/v1/quotes.
func BenchmarkCreateQuoteAPI(b *testing.B) {
	a := testkit.NewApp(b, monday2March, func(d *platform.Deps) []platform.Module { return []platform.Module{New(d)} })
	cust := testkit.Customer(b, testkit.CustomerOpts{})
	am := testkit.Login(b, auth.AccountManager, nil)
	body := quoteBody(cust.ID, nil)
	b.ReportAllocs()
	for b.Loop() {
		a.Do(b, "POST", "/api/v1/quotes", am.Token, body).Expect(b, 201)
	}
}
