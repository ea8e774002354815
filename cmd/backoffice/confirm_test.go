package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"backoffice/internal/server"
)

// demoToken logs a demo user in and returns a bearer token.
func demoToken(t *testing.T, srv *server.Server, email string) string {
	t.Helper()
	login, _ := json.Marshal(map[string]string{"email": email, "password": "backoffice-demo"})
	req := httptest.NewRequest("POST", "/api/v1/auth/login", bytes.NewReader(login))
	req.Header.Set("Content-Type", "application/json")
	res, err := srv.App.Test(req, -1)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("login %s: %v %v", email, err, res.Status)
	}
	var out struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Token
}

// postForm posts a form as the token's user and returns status, body and the flash.
func postForm(t *testing.T, srv *server.Server, token, target string, form url.Values) (int, string, string) {
	t.Helper()
	req := httptest.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := srv.App.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	flash := ""
	for _, c := range res.Cookies() {
		if c.Name == "bo_flash" {
			flash, _ = url.QueryUnescape(c.Value)
		}
	}
	return res.StatusCode, string(b), flash
}

// Issue 13: every destructive action asks for confirmation and the server checks it, so
// a post without the confirmation (the button inside the confirmation box, or the ticked
// box) changes nothing, with or without JavaScript.
func TestDestructivePostsNeedServerSideConfirmation(t *testing.T) {
	srv := demoServer(t, "confirmwalk")
	admin := demoToken(t, srv, "admin@demo.backoffice.test")
	get := func(target string) string {
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("Authorization", "Bearer "+admin)
		res, err := srv.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	unconfirmed := []struct {
		target string
		form   url.Values
	}{
		{"/orders/2/cancel", url.Values{}},
		{"/users/2/active", url.Values{"active": {"false"}}},
		{"/secondment/approvals/2/reject", url.Values{"reason": {"wrong week"}}},
		{"/secondment/expenses/1/delete", url.Values{}},
		{"/quotes/6/withdraw", url.Values{}},
		{"/invoices/10/delete", url.Values{}},
		{"/hardware/deliveries/5/terminate", url.Values{"reason": {"out of stock"}, "scope": {"delivery"}}},
		{"/receivables/interest-rates", url.Values{"valid_from": {"2026-07-01"}, "remove": {"1"}}},
		{"/contacts/5/block", url.Values{"hours": {"24"}, "reason": {"suspected fraud"}}},
	}
	for _, u := range unconfirmed {
		status, body, flash := postForm(t, srv, admin, u.target, u.form)
		if status != 303 || !strings.Contains(flash, "Nothing was changed") {
			t.Errorf("POST %s without confirmation: %d, flash %q: %.200s", u.target, status, flash, body)
		}
	}
	// A customer's unconfirmed rejection is refused in the company's language (Acme: Dutch).
	if status, _, flash := postForm(t, srv, demoToken(t, srv, "contact@acme.demo.backoffice.test"), "/secondment/approvals/2/reject",
		url.Values{"reason": {"verkeerde week"}}); status != 303 || !strings.Contains(flash, "Er is niets gewijzigd") {
		t.Errorf("a Dutch customer's unconfirmed rejection: %d, flash %q", status, flash)
	}
	// The termination notice: the unticked box is a field error on the re-rendered form.
	status, body, _ := postForm(t, srv, admin, "/contracts/2/terminate", url.Values{"notice_received_at": {"2026-11-02T10:00"}})
	if status != 422 || !strings.Contains(body, "must be ticked") {
		t.Errorf("termination without the ticked box: %d %.300s", status, body)
	}
	if strings.Contains(get("/contracts/2"), `id="termination-reason"`) {
		t.Error("the unconfirmed notice was recorded")
	}
	if strings.Contains(get("/orders/2"), `badge-cancelled`) {
		t.Fatal("the unconfirmed cancellation cancelled the order")
	}
	// Confirmed, the same posts do their work.
	// (the demo's order may be past its free cancellation: the confirmed post then reaches
	// the rules, which answer 409, instead of stopping at the confirmation)
	if status, _, flash := postForm(t, srv, admin, "/orders/2/cancel", url.Values{"confirm": {"yes"}}); !(status == 303 && strings.Contains(flash, "Order cancelled")) && status != 409 {
		t.Errorf("confirmed cancel: %d %q", status, flash)
	}
	if status, _, flash := postForm(t, srv, admin, "/users/2/active", url.Values{"active": {"false"}, "confirm": {"yes"}}); status != 303 || !strings.Contains(flash, "deactivated") {
		t.Errorf("confirmed deactivation: %d %q", status, flash)
	}
	if status, _, flash := postForm(t, srv, admin, "/contracts/2/terminate", url.Values{"notice_received_at": {"2026-11-02T10:00"}, "confirm": {"on"}}); status != 303 || !strings.Contains(flash, "Notice recorded") {
		t.Errorf("confirmed notice: %d %q", status, flash)
	}
}
