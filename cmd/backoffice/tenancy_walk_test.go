package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
)

// TestTenancyWalk is the foreign-tenant half of the guard: on a fresh database with the
// demo data of every module, every GET route with one record id, filled with the ids of
// records that belong to the first demo company, is called by the contact of the second
// company: it must never answer 2xx (the data), while the owner's contact may.
func TestTenancyWalk(t *testing.T) {
	ctx := context.Background()
	srv, database := demoServerAt(t, "tenancy", clock.NewSettable(clock.Real{}))
	var owner, stranger struct {
		ID         int64
		CustomerID int64
	}
	if err := database.Bun.NewRaw("SELECT id, customer_id FROM users WHERE email = 'contact@acme.demo.backoffice.test'").Scan(ctx, &owner); err != nil {
		t.Fatal(err)
	}
	if err := database.Bun.NewRaw("SELECT id, customer_id FROM users WHERE email = 'contact@bakker.demo.backoffice.test'").Scan(ctx, &stranger); err != nil {
		t.Fatal(err)
	}
	token := func(uid int64) string {
		tok, err := auth.IssueToken(ctx, database.Bun, uid, time.Now().Add(-time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	get := func(path, tok string) int {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := srv.App.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	ownerTok, strangerTok := token(owner.ID), token(stranger.ID)
	checked := 0
	for _, route := range srv.Doc.Routes() {
		method, path, _ := strings.Cut(route, " ")
		if method != "GET" || strings.Count(path, "{") != 1 || !strings.Contains(path, "{id}") {
			continue
		}
		table := strings.ReplaceAll(strings.Split(strings.TrimPrefix(path, "/api/v1/"), "/")[0], "-", "_")
		col := "customer_id"
		if table == "customers" {
			col = "id"
		}
		var exists bool
		if err := database.Bun.NewRaw(`SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND column_name = ?)`,
			table, col).Scan(ctx, &exists); err != nil || !exists {
			continue
		}
		var ids []int64
		if err := database.Bun.NewRaw(fmt.Sprintf("SELECT id FROM %q WHERE %q = ? ORDER BY id LIMIT 3", table, col), owner.CustomerID).Scan(ctx, &ids); err != nil || len(ids) == 0 {
			continue
		}
		for _, id := range ids {
			p := strings.Replace(path, "{id}", fmt.Sprint(id), 1)
			s := get(p, strangerTok)
			checked++
			if s >= 200 && s < 300 {
				t.Errorf("%s: the other company's contact got %d for %s", route, s, p)
			}
			if s >= 500 && s != 501 {
				t.Errorf("%s: %d", p, s)
			}
			_ = get(p, ownerTok) // the owner may see it (status depends on the route)
		}
	}
	if checked < 5 {
		t.Fatalf("only %d foreign-tenant calls: the walk found no demo records", checked)
	}
	t.Logf("%d foreign-tenant calls", checked)
}
