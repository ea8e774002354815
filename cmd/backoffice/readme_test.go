package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"backoffice/internal/app"
	"backoffice/internal/config"
)

// TestConfigDocumentedAndPrinted: every configuration variable has a row in the README's
// configuration table, and `backoffice config` shows the value of each (secrets masked,
// never in clear); a variable added without both fails here (issue 13).
func TestConfigDocumentedAndPrinted(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Configuration\n")
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z_]+)`").FindAllStringSubmatch(section, -1) {
		documented[m[1]] = true
	}
	secret := "s3cret-value-never-shown"
	values := map[string][2]string{ // variable → value set, what `backoffice config` must show
		"DATABASE_URL":                         {"postgres://bo:" + secret + "@db.example:5432/bo", "database=postgres://bo:*****@db.example:5432/bo"},
		"BACKOFFICE_ENV":                       {"test", "env=test"},
		"BACKOFFICE_ADDR":                      {"127.0.0.1:18999", "addr=127.0.0.1:18999"},
		"BACKOFFICE_DATA_DIR":                  {"/srv/bo-data", "data_dir=/srv/bo-data"},
		"BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL":     {"boot@example.nl", "bootstrap_admin=boot@example.nl"},
		"BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD":  {secret, "bootstrap_password=*****"},
		"BACKOFFICE_TEST_CLOCK":                {"1", "test_clock=true"},
		"BACKOFFICE_SMTP_HOST":                 {"smtp.example.nl", "smtp=smtp.example.nl:"},
		"BACKOFFICE_SMTP_PORT":                 {"2525", ":2525 "},
		"BACKOFFICE_SMTP_USERNAME":             {"mailer", "user=mailer"},
		"BACKOFFICE_SMTP_PASSWORD":             {secret, "password=*****"},
		"BACKOFFICE_SMTP_FROM":                 {"from@example.nl", "from=from@example.nl"},
		"BACKOFFICE_DESK_EMAIL":                {"desk@example.nl", "desk_email=desk@example.nl"},
		"BACKOFFICE_COMPANY_NAME":              {"Voorbeeld IT B.V.", `company="Voorbeeld IT B.V."`},
		"BACKOFFICE_COMPANY_ADDRESS":           {"Dam 1, 1012 JS Amsterdam", `address="Dam 1, 1012 JS Amsterdam"`},
		"BACKOFFICE_COMPANY_KVK":               {"87654321", "kvk=87654321"},
		"BACKOFFICE_COMPANY_VAT_ID":            {"NL987654321B01", "vat_id=NL987654321B01"},
		"BACKOFFICE_COMPANY_IBAN":              {"NL91ABNA0417164300", "iban=NL91ABNA0417164300"},
		"BACKOFFICE_COMPANY_BIC":               {"ABNANL2A", "bic=ABNANL2A"},
		"BACKOFFICE_INVOICE_NUMBER_FORMAT":     {"F{year}-{seq:4}", "invoice_numbers=F{year}-{seq:4}"},
		"BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT": {"CN{year}-{seq:4}", "credit_note_numbers=CN{year}-{seq:4}"},
		"BACKOFFICE_PUBLIC_URL":                {"https://bo.example.nl", "public_url=https://bo.example.nl"},
		"BACKOFFICE_LOG_LEVEL":                 {"warn", "log_level=warn"},
		"BACKOFFICE_TRUSTED_PROXIES":           {"10.0.0.0/8", "trusted_proxies=10.0.0.0/8"},
		"BACKOFFICE_METRICS_TOKEN":             {secret, "metrics_token=*****"},
		"BACKOFFICE_METRICS_ALLOW":             {"127.0.0.1", "metrics_allow=127.0.0.1"},
		"BACKOFFICE_STAFF_LANGUAGE":            {"nl", "staff_language=nl"},
	}
	for _, v := range config.Vars {
		if !documented[v[0]] {
			t.Errorf("README's configuration table has no row for %s", v[0])
		}
		kv, ok := values[v[0]]
		if !ok {
			t.Errorf("%s: add it to this test (its value in `backoffice config`)", v[0])
			continue
		}
		t.Setenv(v[0], kv[0])
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"config"}, strings.NewReader(""), &out); err != nil {
		t.Fatal(err)
	}
	for name, kv := range values {
		if !strings.Contains(out.String(), kv[1]) {
			t.Errorf("%s=%s: `backoffice config` lacks %q:\n%s", name, kv[0], kv[1], out.String())
		}
	}
	if strings.Contains(out.String(), secret) {
		t.Errorf("a secret is printed:\n%s", out.String())
	}
	for name := range documented {
		if _, ok := values[name]; !ok {
			t.Errorf("README documents %s, which the configuration does not read", name)
		}
	}
}

// TestReadmeListsEveryDemoLogin: the README's login table and `make run`'s list agree.
func TestReadmeListsEveryDemoLogin(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	inReadme := regexp.MustCompile("(?m)^\\| `([a-z0-9.@]+\\.test)` \\|").FindAllStringSubmatch(string(readme), -1)
	printed := map[string]bool{}
	for _, l := range app.DemoLogins {
		printed[l[0]] = true
		if !strings.Contains(string(readme), "| `"+l[0]+"` |") {
			t.Errorf("README does not list the demo login %s", l[0])
		}
	}
	for _, m := range inReadme {
		if !printed[m[1]] {
			t.Errorf("README lists %s, which `make run` does not print", m[1])
		}
	}
	var out bytes.Buffer
	printLogins(&out)
	for l := range printed {
		if !strings.Contains(out.String(), l) {
			t.Errorf("not printed: %s", l)
		}
	}
}
