package auth

import (
	"strings"
	"testing"

	"backoffice/internal/problem"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$") {
		t.Fatal(h, err)
	}
	if ok, _ := CheckPassword(h, "correct horse"); !ok {
		t.Error("right password refused")
	}
	if ok, _ := CheckPassword(h, "correct horsE"); ok {
		t.Error("wrong password accepted")
	}
	if h2, _ := HashPassword("correct horse"); h2 == h {
		t.Error("salt not random")
	}
	if _, err := CheckPassword("plain", "x"); err == nil {
		t.Error("garbage hash accepted")
	}
}

func TestGuard(t *testing.T) {
	a, b := int64(1), int64(2)
	cust := &Principal{Role: Customer, CustomerID: &a}
	if Guard(cust, a) != nil {
		t.Error("own record refused")
	}
	if err := Guard(cust, b); problem.StatusOf(err) != 404 {
		t.Errorf("foreign record: %v", err)
	}
	if Guard(&Principal{Role: AccountManager}, b) != nil {
		t.Error("staff refused")
	}
	if err := GuardPtr(cust, nil); problem.StatusOf(err) != 404 {
		t.Error("internal record visible to a customer")
	}
	if _, err := CustomerFor(cust, &b); problem.StatusOf(err) != 404 {
		t.Error("customer acting for another company")
	}
}
