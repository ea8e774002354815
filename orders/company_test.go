package orders

import (
	"backoffice/internal/calendars"
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/clock"
	"backoffice/internal/config"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// TestCompanyComesFromConfig: the details on documents and the base of e-mail links are the
// configured ones, nothing else.
func TestCompanyComesFromConfig(t *testing.T) {
	cfg := &config.Config{CompanyName: "Cloudwise B.V.", CompanyAddress: "Europalaan 100, 3526 KS Utrecht",
		CompanyKvK: "30123456", CompanyVATID: "NL812345678B01", CompanyIBAN: "NL91ABNA0417164300", PublicURL: "https://backoffice.cloudwise.nl"}
	m := New(&platform.Deps{DB: testkit.DB(t).Bun, Clock: clock.Fixed(monday2March), Config: cfg, Calendars: calendars.NewRegistry(testkit.DB(t).Bun)})
	want := Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	if m.svc.Company != want {
		t.Errorf("company %+v, want %+v", m.svc.Company, want)
	}
	if got := m.svc.link("/portal/quotes/7"); got != "https://backoffice.cloudwise.nl/portal/quotes/7" {
		t.Errorf("link %q", got)
	}
	if (CompanyFromConfig(nil) != Company{}) {
		t.Error("no configuration must give no company details")
	}
}

// pdfText inflates the content streams of a PDF so a test can look for printed text.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	for _, m := range re.FindAllSubmatch(b, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			out.Write(m[1])
			continue
		}
		raw, _ := io.ReadAll(r)
		out.Write(raw)
	}
	return out.String()
}

func TestQuotePDFPrintsOnlyConfiguredDetails(t *testing.T) {
	q := validQuote()
	cust := CustomerAddress{Name: "Acme Zorg B.V.", City: "Utrecht"}
	partial := Company{Name: "Cloudwise B.V.", KvK: "30123456"}
	b, err := QuotePDF(q, cust, partial, monday2March)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, b)
	for _, w := range []string{"Cloudwise B.V.", "KvK 30123456"} {
		if !strings.Contains(txt, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
	for _, bad := range []string{"BTW NL", "IBAN", "NL00BANK", "12345678", "example"} {
		if strings.Contains(txt, bad) {
			t.Errorf("PDF prints %q although it is not configured", bad)
		}
	}
	full := Company{Name: "Cloudwise B.V.", Address: "Europalaan 100, 3526 KS Utrecht", KvK: "30123456", VATID: "NL812345678B01", IBAN: "NL91ABNA0417164300"}
	if b, err = QuotePDF(q, cust, full, monday2March); err != nil {
		t.Fatal(err)
	}
	txt = pdfText(t, b)
	for _, w := range []string{"Europalaan 100", "BTW NL812345678B01", "IBAN NL91ABNA0417164300"} {
		if !strings.Contains(txt, w) {
			t.Errorf("PDF lacks %q", w)
		}
	}
}

// TestMailLinksUsePublicURL: the links in e-mails start with BACKOFFICE_PUBLIC_URL.
func TestMailLinksUsePublicURL(t *testing.T) {
	e := setup(t, monday2March)
	base := e.a.Deps.Config.PublicURL
	if base == "" {
		t.Fatal("the test configuration has no public URL")
	}
	q := e.sentQuote(t, nil)
	acc := e.accept(t, q.ID)
	db := testkit.DB(t).Bun
	for _, c := range []struct {
		kind, link string
	}{
		{MailQuoteSent, fmt.Sprintf("%s/portal/quotes/%d", base, q.ID)},
		{MailQuoteAcceptedAM, fmt.Sprintf("%s/orders/%d", base, acc.Order.ID)},
	} {
		var body string
		if err := db.NewSelect().TableExpr("outbox").Column("body").Where("kind = ? AND entity_id = ?", c.kind, fmt.Sprint(q.ID)).
			Limit(1).Scan(context.Background(), &body); err != nil {
			t.Fatalf("%s: %v", c.kind, err)
		}
		if !strings.Contains(body, c.link) {
			t.Errorf("%s body lacks %s:\n%s", c.kind, c.link, body)
		}
	}
}
