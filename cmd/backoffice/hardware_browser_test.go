package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

// TestBrowserHardwareDefect: the driver delivers an order's laptops on the phone page
// (serials, signature name), the customer reports a visible defect within 24 hours with
// a photo and sees it in time (HW-5), and the desk sees the defect ticket.
func TestBrowserHardwareDefect(t *testing.T) {
	a := fullApp(t)
	a.Clock.Reset()
	base := a.Listen(t)
	ctx := context.Background()
	db := testkit.DB(t).Bun
	name := testkit.Unique("Tandartspraktijk Zuidas ")
	street, pc, city := "Gustav Mahlerlaan 1212", "1081 LA", "Amsterdam"
	cust, err := accounts.CreateCustomer(ctx, db, accounts.CustomerInput{Name: &name, Street: &street, PostalCode: &pc, City: &city}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	contact := testkit.User(t, testkit.UserOpts{Role: auth.Customer, CustomerID: &cust.ID, Name: "Eva Bakker"})
	driver := testkit.User(t, testkit.UserOpts{Role: auth.Technician, Name: "Joost Visser"})
	am := testkit.Login(t, auth.AccountManager, nil)
	sku := testkit.Unique("LAT5450-")
	a.Do(t, "POST", "/api/v1/products", am.Token, map[string]any{"sku": sku, "name": "Latitude 5450", "manufacturer": "Dell",
		"warranty_months": 36, "serialised": true, "condition": "new"}).Expect(t, 201)
	orderID, lineID := time.Now().UnixNano()%1e12, time.Now().UnixNano()%1e12+1
	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := events.Publish(ctx, tx, time.Now(), events.QuoteAccepted, "order", orderID, events.QuoteAcceptedPayload{
			OrderID: orderID, CustomerID: cust.ID, TermsProfile: "004", AcceptedAt: time.Now(), Lines: []events.OrderLine{{
				OrderLineID: lineID, Kind: "hardware", SKU: sku, Description: "Dell Latitude 5450 14\"", Quantity: decimal.NewFromInt(2),
				Unit: "pcs", UnitPrice: decimal.RequireFromString("1149.00"), VATRate: "21"}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	deliver := func() {
		if _, failed, err := a.Deps.Events.DeliverDue(ctx); err != nil || failed > 0 {
			t.Fatalf("events: %d failed, %v", failed, err)
		}
	}
	deliver()
	var d struct{ ID int64 }
	a.Do(t, "POST", "/api/v1/deliveries", am.Token, map[string]any{"order_id": orderID,
		"lines": []map[string]any{{"order_line_id": lineID, "quantity": "2"}}}).Expect(t, 201).JSON(t, &d)
	s1, s2 := testkit.Unique("CN0X7K"), testkit.Unique("CN0X7L")

	t.Run("driver_delivers_with_serials_and_signature_on_the_phone", func(t *testing.T) {
		bctx := testkit.Browser(t)
		testkit.LoginBrowser(t, bctx, base, driver.Email)
		err := chromedp.Do(bctx,
			chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(fmt.Sprintf("%s/hardware/deliveries/%d/driver", base, d.ID)),
			chromedp.WaitVisible(chromedp.CSS("#driver-form")),
			chromedp.SendKeys(chromedp.CSS(`input[name$="_0"]`), s1),
			chromedp.SendKeys(chromedp.CSS(`input[name$="_1"]`), s2),
			chromedp.SendKeys(chromedp.CSS("#received-by"), "Eva Bakker"),
		)
		if err != nil {
			t.Fatal(err)
		}
		testkit.Screenshot(t, bctx, "hardware-driver")
		if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("#deliver")), chromedp.WaitVisible(chromedp.CSS("#risk-since"))); err != nil {
			t.Fatal(err)
		}
		facts, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#delivery-facts")))
		if err != nil || !strings.Contains(strings.ToLower(facts), "delivered") || !strings.Contains(facts, "Eva Bakker") {
			t.Fatalf("delivery page: %q %v", facts, err)
		}
		testkit.Screenshot(t, bctx, "hardware-delivery")
	})

	photo := filepath.Join(t.TempDir(), "kras.png")
	if err := os.WriteFile(photo, pngPhoto, 0o644); err != nil {
		t.Fatal(err)
	}
	var ticketSubject string
	t.Run("customer_reports_a_visible_defect_with_a_photo_in_time", func(t *testing.T) {
		bctx := testkit.Browser(t)
		testkit.LoginBrowser(t, bctx, base, contact.Email)
		err := chromedp.Do(bctx,
			chromedp.Navigate(base+"/portal/hardware"),
			chromedp.WaitVisible(chromedp.CSS("#items")),
		)
		if err != nil {
			t.Fatal(err)
		}
		list, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#items")))
		if !strings.Contains(list, s1) || !strings.Contains(list, "eigendomsvoorbehoud") {
			t.Fatalf("portal list: %q", list)
		}
		testkit.Screenshot(t, bctx, "hardware-portal-items")
		err = chromedp.Do(bctx,
			chromedp.Click(chromedp.CSS("#items tbody tr:first-child a")),
			chromedp.WaitVisible(chromedp.CSS("#defect-form")),
			chromedp.SendKeys(chromedp.CSS("#defect-description"), "Diepe kras over het scherm, zat al bij levering in de doos"),
			chromedp.SetUploadFiles(chromedp.CSS("#defect-files"), []string{photo}),
		)
		if err != nil {
			t.Fatal(err)
		}
		testkit.Screenshot(t, bctx, "hardware-portal-item")
		if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS("#report-defect")), chromedp.WaitVisible(chromedp.CSS("#defect-facts"))); err != nil {
			t.Fatal(err)
		}
		verdict, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#verdict")))
		if err != nil || verdict != "op tijd" {
			t.Fatalf("verdict %q %v", verdict, err)
		}
		att, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#attachments")))
		if !strings.Contains(att, "kras.png") {
			t.Fatalf("attachments %q", att)
		}
		deliver() // defect.reported → tickets open the ticket
		deliver() // ticket.created → hardware links it
		if err := chromedp.Do(bctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#ticket a"))); err != nil {
			t.Fatal(err)
		}
		testkit.Screenshot(t, bctx, "hardware-portal-defect")
		ticketSubject = "Defect (zichtbaar): Latitude 5450 " + s1 // in the customer's language (nl), issue 13
	})

	t.Run("the_desk_sees_the_defect_ticket", func(t *testing.T) {
		bctx := testkit.Browser(t)
		testkit.LoginBrowser(t, bctx, base, driver.Email)
		if err := chromedp.Do(bctx, chromedp.Navigate(base+"/tickets"), chromedp.WaitVisible(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		q, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("main")))
		if !strings.Contains(q, ticketSubject) {
			t.Fatalf("queue lacks %q: %q", ticketSubject, q)
		}
		var list struct {
			Items []struct {
				ID      int64
				Subject string
			}
		}
		a.Do(t, "GET", fmt.Sprintf("/api/v1/tickets?customer_id=%d", cust.ID), am.Token, nil).Expect(t, 200).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].Subject != ticketSubject {
			t.Fatalf("tickets %+v", list)
		}
		err := chromedp.Do(bctx, chromedp.Navigate(fmt.Sprintf("%s/tickets/%d", base, list.Items[0].ID)), chromedp.WaitVisible(chromedp.CSS("#ticket-origin")))
		if err != nil {
			t.Fatal(err)
		}
		facts, _ := chromedp.Run(bctx, chromedp.Text(chromedp.CSS("#ticket-facts")))
		if !strings.Contains(facts, "Defect") || !strings.Contains(facts, "Opened from the defect report") {
			t.Fatalf("ticket facts %q", facts)
		}
		testkit.Screenshot(t, bctx, "hardware-desk-ticket")
	})
}

// pngPhoto is a small valid PNG (8×8, red).
var pngPhoto = func() []byte {
	b, _ := os.ReadFile("testdata/kras.png")
	return b
}()
