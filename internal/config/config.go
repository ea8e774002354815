// Package config reads the configuration from environment variables, validates all
// of it at start (every problem at once) and prints it with secrets masked.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Config is the process configuration.
type Config struct {
	Env                    string   // BACKOFFICE_ENV: development (default) | production
	DatabaseURL            string   // DATABASE_URL; empty: private cluster in DataDir
	Addr                   string   // BACKOFFICE_ADDR
	DataDir                string   // BACKOFFICE_DATA_DIR
	BootstrapAdminEmail    string   // BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL
	BootstrapAdminPassword string   // BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD
	TestClock              bool     // BACKOFFICE_TEST_CLOCK=1
	SMTPHost               string   // BACKOFFICE_SMTP_HOST
	SMTPPort               int      // BACKOFFICE_SMTP_PORT (default 587)
	SMTPUsername           string   // BACKOFFICE_SMTP_USERNAME
	SMTPPassword           string   // BACKOFFICE_SMTP_PASSWORD
	SMTPFrom               string   // BACKOFFICE_SMTP_FROM
	DeskEmail              string   // BACKOFFICE_DESK_EMAIL: where new tickets are announced
	CompanyName            string   // BACKOFFICE_COMPANY_NAME: on PDFs and e-mails
	CompanyAddress         string   // BACKOFFICE_COMPANY_ADDRESS: one line, on documents
	CompanyKvK             string   // BACKOFFICE_COMPANY_KVK
	CompanyVATID           string   // BACKOFFICE_COMPANY_VAT_ID
	CompanyIBAN            string   // BACKOFFICE_COMPANY_IBAN
	CompanyBIC             string   // BACKOFFICE_COMPANY_BIC (company.go)
	InvoiceNumberFormat    string   // BACKOFFICE_INVOICE_NUMBER_FORMAT (company.go)
	CreditNoteNumberFormat string   // BACKOFFICE_CREDIT_NOTE_NUMBER_FORMAT (company.go)
	PublicURL              string   // BACKOFFICE_PUBLIC_URL: base of links in e-mails
	LogLevel               string   // BACKOFFICE_LOG_LEVEL: debug | info | warn | error
	TrustedProxies         []string // BACKOFFICE_TRUSTED_PROXIES: CIDRs/IPs whose X-Forwarded-For/-Proto count
	MetricsToken           string   // BACKOFFICE_METRICS_TOKEN: bearer token for /metrics
	MetricsAllow           []string // BACKOFFICE_METRICS_ALLOW: CIDRs/IPs that may read /metrics without a token
	StaffLanguage          string   // BACKOFFICE_STAFF_LANGUAGE: en (default) | nl, the staff UI's language
}

// HTTPS reports whether the public URL is https (HSTS and Secure cookies).
func (c *Config) HTTPS() bool { return strings.HasPrefix(strings.ToLower(c.PublicURL), "https://") }

// Vars documents every variable (README and `backoffice help` print it).
var Vars = [][2]string{
	{"DATABASE_URL", "PostgreSQL URL; empty starts a private cluster in BACKOFFICE_DATA_DIR"},
	{"BACKOFFICE_ENV", "development (default) or production"},
	{"BACKOFFICE_ADDR", "listen address, default 127.0.0.1:8080"},
	{"BACKOFFICE_DATA_DIR", "private PostgreSQL cluster directory, default ./.data"},
	{"BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL", "create this admin at start when no user exists"},
	{"BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD", "its password (at least 12 characters)"},
	{"BACKOFFICE_TEST_CLOCK", "1 enables PUT/DELETE /api/v1/test/clock (refused in production)"},
	{"BACKOFFICE_SMTP_HOST", "SMTP server; empty keeps e-mail in the Outbox page"},
	{"BACKOFFICE_SMTP_PORT", "SMTP port, default 587"},
	{"BACKOFFICE_SMTP_USERNAME", "SMTP user (PLAIN auth)"},
	{"BACKOFFICE_SMTP_PASSWORD", "SMTP password"},
	{"BACKOFFICE_SMTP_FROM", "sender address, default backoffice@localhost"},
	{"BACKOFFICE_DESK_EMAIL", "service desk address for ticket notifications, default desk@localhost"},
	{"BACKOFFICE_COMPANY_NAME", "company name on documents, default Backoffice IT B.V."},
	{"BACKOFFICE_COMPANY_ADDRESS", "company address on documents (one line)"},
	{"BACKOFFICE_COMPANY_KVK", "company KvK number on documents"},
	{"BACKOFFICE_COMPANY_VAT_ID", "company VAT ID on documents"},
	{"BACKOFFICE_COMPANY_IBAN", "company IBAN on documents"},
	{"BACKOFFICE_PUBLIC_URL", "base URL for links in e-mails, default http://<BACKOFFICE_ADDR>"},
	{"BACKOFFICE_LOG_LEVEL", "debug, info (default), warn or error"},
	{"BACKOFFICE_TRUSTED_PROXIES", "comma-separated CIDRs or IPs of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; empty: none"},
	{"BACKOFFICE_METRICS_TOKEN", "bearer token that may read /metrics"},
	{"BACKOFFICE_METRICS_ALLOW", "comma-separated CIDRs or IPs that may read /metrics without the token; with neither set /metrics answers 404"},
	{"BACKOFFICE_STAFF_LANGUAGE", "language of the staff pages: en (default) or nl; customers read their company's language"},
}

// FromEnv reads and validates the configuration.
func FromEnv() (*Config, error) { return parse(os.Getenv) }

func parse(get func(string) string) (*Config, error) {
	c := &Config{
		Env:                    def(get("BACKOFFICE_ENV"), "development"),
		DatabaseURL:            get("DATABASE_URL"),
		Addr:                   def(get("BACKOFFICE_ADDR"), "127.0.0.1:8080"),
		DataDir:                def(get("BACKOFFICE_DATA_DIR"), "./.data"),
		BootstrapAdminEmail:    strings.ToLower(strings.TrimSpace(get("BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL"))),
		BootstrapAdminPassword: get("BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD"),
		SMTPHost:               get("BACKOFFICE_SMTP_HOST"),
		SMTPUsername:           get("BACKOFFICE_SMTP_USERNAME"),
		SMTPPassword:           get("BACKOFFICE_SMTP_PASSWORD"),
		SMTPFrom:               def(get("BACKOFFICE_SMTP_FROM"), "backoffice@localhost"),
		DeskEmail:              def(get("BACKOFFICE_DESK_EMAIL"), "desk@localhost"),
		CompanyName:            def(get("BACKOFFICE_COMPANY_NAME"), "Backoffice IT B.V."),
		LogLevel:               def(get("BACKOFFICE_LOG_LEVEL"), "info"),
		CompanyAddress:         get("BACKOFFICE_COMPANY_ADDRESS"),
		CompanyKvK:             get("BACKOFFICE_COMPANY_KVK"),
		CompanyVATID:           get("BACKOFFICE_COMPANY_VAT_ID"),
		CompanyIBAN:            get("BACKOFFICE_COMPANY_IBAN"),
	}
	c.PublicURL = strings.TrimRight(def(get("BACKOFFICE_PUBLIC_URL"), "http://"+c.Addr), "/")
	c.MetricsToken = get("BACKOFFICE_METRICS_TOKEN")
	c.StaffLanguage = strings.ToLower(strings.TrimSpace(def(get("BACKOFFICE_STAFF_LANGUAGE"), "en")))
	var errs []string
	if c.StaffLanguage != "en" && c.StaffLanguage != "nl" {
		errs = append(errs, "BACKOFFICE_STAFF_LANGUAGE must be en or nl")
	}
	c.TrustedProxies = cidrs(get("BACKOFFICE_TRUSTED_PROXIES"), "BACKOFFICE_TRUSTED_PROXIES", &errs)
	c.MetricsAllow = cidrs(get("BACKOFFICE_METRICS_ALLOW"), "BACKOFFICE_METRICS_ALLOW", &errs)
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		errs = append(errs, "BACKOFFICE_METRICS_TOKEN must have at least 16 characters")
	}
	switch c.Env {
	case "development", "production", "test":
	default:
		errs = append(errs, "BACKOFFICE_ENV must be development, test or production")
	}
	switch get("BACKOFFICE_TEST_CLOCK") {
	case "", "0", "false":
	case "1", "true":
		c.TestClock = true
		if c.Env == "production" {
			errs = append(errs, "BACKOFFICE_TEST_CLOCK is refused when BACKOFFICE_ENV=production")
		}
	default:
		errs = append(errs, "BACKOFFICE_TEST_CLOCK must be 1 or empty")
	}
	if c.DatabaseURL != "" {
		if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			errs = append(errs, "DATABASE_URL must be a postgres:// URL")
		}
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, "BACKOFFICE_ADDR must be host:port")
	}
	if (c.BootstrapAdminEmail == "") != (c.BootstrapAdminPassword == "") {
		errs = append(errs, "BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD go together")
	}
	if c.BootstrapAdminEmail != "" {
		if _, err := mail.ParseAddress(c.BootstrapAdminEmail); err != nil {
			errs = append(errs, "BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL is not an e-mail address")
		}
		if len(c.BootstrapAdminPassword) < 12 {
			errs = append(errs, "BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters")
		}
	}
	c.SMTPPort = 587
	if p := get("BACKOFFICE_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			errs = append(errs, "BACKOFFICE_SMTP_PORT must be a port number")
		}
		c.SMTPPort = n
	}
	for _, a := range []struct{ name, v string }{{"BACKOFFICE_SMTP_FROM", c.SMTPFrom}, {"BACKOFFICE_DESK_EMAIL", c.DeskEmail}} {
		if _, err := mail.ParseAddress(a.v); err != nil {
			errs = append(errs, a.name+" is not an e-mail address")
		}
	}
	errs = append(errs, c.company(get)...)
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, "BACKOFFICE_LOG_LEVEL must be debug, info, warn or error")
	}
	if len(errs) > 0 {
		return nil, errors.New("configuration: " + strings.Join(errs, "; "))
	}
	return c, nil
}

// cidrs splits a comma-separated list of CIDRs or single IPs and validates each.
func cidrs(v, name string, errs *[]string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			*errs = append(*errs, name+": "+p+" is not an IP address or CIDR")
			continue
		}
		out = append(out, p)
	}
	return out
}

func def(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// String prints the configuration with secrets masked.
func (c *Config) String() string {
	db := "(private cluster in " + c.DataDir + ")"
	if c.DatabaseURL != "" {
		db = MaskURL(c.DatabaseURL)
	}
	smtp := "(none: e-mail stays in the Outbox page)"
	if c.SMTPHost != "" {
		smtp = fmt.Sprintf("%s:%d user=%s password=%s from=%s", c.SMTPHost, c.SMTPPort, c.SMTPUsername, mask(c.SMTPPassword), c.SMTPFrom)
	}
	return fmt.Sprintf("env=%s addr=%s data_dir=%s database=%s smtp=%s test_clock=%v bootstrap_admin=%s bootstrap_password=%s %s public_url=%s desk_email=%s log_level=%s trusted_proxies=%s metrics_token=%s metrics_allow=%s staff_language=%s",
		c.Env, c.Addr, c.DataDir, db, smtp, c.TestClock, c.BootstrapAdminEmail, mask(c.BootstrapAdminPassword), c.CompanyString(), c.PublicURL, c.DeskEmail, c.LogLevel,
		strings.Join(c.TrustedProxies, ","), mask(c.MetricsToken), strings.Join(c.MetricsAllow, ","), c.StaffLanguage)
}

func mask(s string) string {
	if s == "" {
		return ""
	}
	return "*****"
}

// MaskURL hides the password of a URL.
func MaskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "*****"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "*****")
	}
	return strings.Replace(u.String(), ":%2A%2A%2A%2A%2A@", ":*****@", 1) // readable, not percent-encoded
}
