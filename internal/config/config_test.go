package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParse(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		c, err := parse(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:8080" || c.DataDir != "./.data" || c.SMTPPort != 587 || c.TestClock {
			t.Fatalf("%+v", c)
		}
	})
	t.Run("test_clock_refused_in_production", func(t *testing.T) {
		_, err := parse(env(map[string]string{"BACKOFFICE_ENV": "production", "BACKOFFICE_TEST_CLOCK": "1"}))
		if err == nil || !strings.Contains(err.Error(), "BACKOFFICE_TEST_CLOCK is refused") {
			t.Fatal(err)
		}
	})
	t.Run("every_problem_at_once", func(t *testing.T) {
		_, err := parse(env(map[string]string{"BACKOFFICE_ADDR": "nope", "DATABASE_URL": "mysql://x", "BACKOFFICE_SMTP_PORT": "99999",
			"BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL": "a@b.c", "BACKOFFICE_LOG_LEVEL": "loud"}))
		if err == nil {
			t.Fatal("want errors")
		}
		for _, w := range []string{"BACKOFFICE_ADDR", "DATABASE_URL", "BACKOFFICE_SMTP_PORT", "go together", "BACKOFFICE_LOG_LEVEL"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("missing %q in %v", w, err)
			}
		}
	})
	t.Run("secrets_masked", func(t *testing.T) {
		c, err := parse(env(map[string]string{"DATABASE_URL": "postgres://app:s3cret@db/bo", "BACKOFFICE_SMTP_HOST": "smtp.example", "BACKOFFICE_SMTP_PASSWORD": "hunter2",
			"BACKOFFICE_BOOTSTRAP_ADMIN_EMAIL": "root@example.nl", "BACKOFFICE_BOOTSTRAP_ADMIN_PASSWORD": "very-long-secret-pw"}))
		if err != nil {
			t.Fatal(err)
		}
		s := c.String()
		for _, secret := range []string{"s3cret", "hunter2", "very-long-secret-pw"} {
			if strings.Contains(s, secret) {
				t.Errorf("%q printed in %s", secret, s)
			}
		}
		if !strings.Contains(s, "root@example.nl") || !strings.Contains(s, "smtp.example") {
			t.Errorf("config print lost non-secrets: %s", s)
		}
	})
}
