package config

import (
	"strings"
	"testing"
)

func TestCompanyDetails(t *testing.T) {
	t.Run("INV-1_art35a_refused_empty_in_production", func(t *testing.T) {
		_, err := parse(env(map[string]string{"BACKOFFICE_ENV": "production"}))
		for _, v := range []string{"BACKOFFICE_COMPANY_ADDRESS", "BACKOFFICE_COMPANY_KVK", "BACKOFFICE_COMPANY_VAT_ID", "BACKOFFICE_COMPANY_IBAN", "BACKOFFICE_COMPANY_BIC"} {
			if err == nil || !strings.Contains(err.Error(), v+" is required in production") {
				t.Errorf("%s not required: %v", v, err)
			}
		}
	})
	t.Run("validated_at_start", func(t *testing.T) {
		_, err := parse(env(map[string]string{"BACKOFFICE_COMPANY_KVK": "1234567", "BACKOFFICE_COMPANY_VAT_ID": "NL12345678B01",
			"BACKOFFICE_COMPANY_IBAN": "NL91ABNA0417164301", "BACKOFFICE_COMPANY_BIC": "ABN", "BACKOFFICE_INVOICE_NUMBER_FORMAT": "INV"}))
		for _, want := range []string{"KVK must be 8 digits", "VAT_ID must look like", "IBAN is not a valid IBAN", "BIC must be", "INVOICE_NUMBER_FORMAT must contain {seq}"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("missing %q in %v", want, err)
			}
		}
	})
	t.Run("valid_details_and_printed", func(t *testing.T) {
		c, err := parse(env(map[string]string{"BACKOFFICE_COMPANY_KVK": "30123456", "BACKOFFICE_COMPANY_VAT_ID": "nl812345678b01",
			"BACKOFFICE_COMPANY_IBAN": "NL91 ABNA 0417 1643 00", "BACKOFFICE_COMPANY_BIC": "abnanl2a"}))
		if err != nil {
			t.Fatal(err)
		}
		if c.CompanyVATID != "NL812345678B01" || c.CompanyIBAN != "NL91ABNA0417164300" || c.CompanyBIC != "ABNANL2A" {
			t.Errorf("%+v", c)
		}
		if s := c.String(); !strings.Contains(s, "iban=NL91ABNA0417164300") || !strings.Contains(s, "bic=ABNANL2A") {
			t.Errorf("printed %s", s)
		}
	})
	t.Run("IBAN_mod_97", func(t *testing.T) {
		for iban, ok := range map[string]bool{"NL91ABNA0417164300": true, "DE89370400440532013000": true, "BE68539007547034": true, "NL91ABNA0417164301": false, "XX": false} {
			if ValidIBAN(iban) != ok {
				t.Errorf("ValidIBAN(%s) != %v", iban, ok)
			}
		}
	})
}
