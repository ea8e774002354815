package orders

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/platform"
	"backoffice/internal/testkit"
)

// TestSeedDemo runs the demo seed in a fresh transaction for fresh companies and checks the
// pipeline it builds, then renders the admin pages from that same transaction (nothing is
// committed).
func TestSeedDemo(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, clock.Amsterdam)
	tx := testkit.Tx(t)
	var mod *Module
	a := testkit.NewApp(t, now, func(d *platform.Deps) []platform.Module {
		mod = New(d)
		return []platform.Module{mod}
	})
	mod.svc = mod.svc.InTx(tx) // the pages read the seed transaction
	am := testkit.Login(t, auth.AccountManager, nil)
	demo := &platform.Demo{AccountManagerID: am.User.ID}
	for range 3 {
		c := testkit.Customer(t, testkit.CustomerOpts{})
		demo.CustomerIDs = append(demo.CustomerIDs, c.ID)
		demo.ContactIDs = append(demo.ContactIDs, testkit.Login(t, auth.Customer, &c.ID).User.ID)
	}
	ctx := context.Background()
	if err := mod.SeedDemo(ctx, tx, demo); err != nil {
		t.Fatal(err)
	}

	staff := auth.With(ctx, &auth.Principal{UserID: am.User.ID, Role: auth.AccountManager})
	svc := mod.svc
	var all []*Quote
	for _, cid := range demo.CustomerIDs {
		qs, err := svc.ListQuotes(staff, QuoteFilter{CustomerID: &cid, Limit: 50, Principal: auth.FromContext(staff)})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, qs...)
	}
	byStatus := map[QuoteStatus][]*Quote{}
	for _, q := range all {
		byStatus[q.EffectiveStatus(now)] = append(byStatus[q.EffectiveStatus(now)], q)
		if q.CreatedBy != am.User.ID {
			t.Errorf("%s was not written by the account manager", q.Number)
		}
	}
	for st, n := range map[QuoteStatus]int{QuoteDraft: 1, QuoteSent: 2, QuoteAccepted: 3, QuoteDeclined: 1, QuoteExpired: 2} {
		if len(byStatus[st]) != n {
			t.Errorf("%d %s quotes, want %d", len(byStatus[st]), st, n)
		}
	}
	week := ReminderDaysBeforeExpiry
	expiring, err := svc.ListQuotes(staff, QuoteFilter{ExpiringWithin: &week, Limit: 200, Principal: auth.FromContext(staff)})
	if err != nil {
		t.Fatal(err)
	}
	var soon *Quote
	for _, q := range expiring {
		if q.CustomerID == demo.CustomerIDs[2] {
			soon = q
		}
	}
	if soon == nil || soon.ValidUntil.String() != "2026-11-24" {
		t.Fatalf("no demo quote expiring within 7 days: %+v", soon)
	}

	var orders []*Order
	for _, cid := range demo.CustomerIDs {
		os, err := svc.ListOrders(staff, &cid, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		orders = append(orders, os...)
	}
	if len(orders) != 3 {
		t.Fatalf("%d demo orders, want 3", len(orders))
	}
	var contracts []*Contract
	for _, cid := range demo.CustomerIDs {
		cs, err := svc.ListContracts(staff, ContractFilter{CustomerID: &cid, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		contracts = append(contracts, cs...)
	}
	if len(contracts) != 3 {
		t.Fatalf("%d demo contracts, want 3", len(contracts))
	}
	old := contracts[0]
	for _, c := range contracts {
		if c.StartDate.Before(old.StartDate) {
			old = c
		}
	}
	if old.StartDate.String() != "2025-01-01" || len(old.Lines) != 2 || old.Terms.InitialTermMonths != 48 {
		t.Errorf("the running contract: start %s, %d lines, %d months", old.StartDate, len(old.Lines), old.Terms.InitialTermMonths)
	}

	// IDX-1: the CPI values chain through 2025, so next year's proposal computes a new fee.
	run, err := svc.ProposeIndexation(staff, 2027, true)
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	for _, p := range run.Proposals {
		if p.ContractID == old.ID {
			if p.Outcome != OutcomeChange {
				t.Errorf("line %d: %s (%s)", p.ContractLineID, p.Outcome, p.Reason)
			}
			changes++
		}
	}
	if changes != 2 {
		t.Errorf("%d proposals for the running contract, want 2", changes)
	}

	var recent *Order
	for _, o := range orders {
		if o.ID != old.OrderID && strings.HasPrefix(o.Title, "Kassa's") {
			recent = o
		}
	}
	pages := []struct {
		path string
		want []string
	}{
		{"/quotes", []string{soon.Number, byStatus[QuoteDraft][0].Number}},
		{"/quotes?expiring=1", []string{soon.Number}},
		{fmt.Sprintf("/quotes/%d", byStatus[QuoteDeclined][0].ID), []string{"Budget doorgeschoven naar volgend jaar"}},
		{fmt.Sprintf("/orders/%d", recent.ID), []string{recent.Number, "netwerkontwerp", "access points", "Data supplied"}},
		{fmt.Sprintf("/orders/%d", old.OrderID), []string{"Lenovo ThinkPad T14"}},
		{"/contracts", []string{old.Number}},
		// issue 13: the one-year contract that started ten months ago is the home's notice card
		{"/contracts?notice_within=90", []string{"Showing running contracts", "30 November 2026"}},
		{"/orders?lead_time=not_started", []string{recent.Number, "Showing orders whose lead time has not started"}},
		{fmt.Sprintf("/contracts/%d", old.ID), []string{"Microsoft 365 Business Premium", "consumer price index"}},
		{"/indexation", []string{"October 2026: 103,26", "December 2025: 137,4"}},
	}
	for _, p := range pages {
		r := a.Do(t, "GET", p.path, am.Token, nil)
		if r.Status != 200 {
			t.Errorf("%s: status %d", p.path, r.Status)
			continue
		}
		for _, w := range p.want {
			if !strings.Contains(string(r.Body), w) {
				t.Errorf("%s lacks %q", p.path, w)
			}
		}
	}
}
