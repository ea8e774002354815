package tickets

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/clock"
	"backoffice/internal/events"
	"backoffice/internal/testkit"
)

func TestDefectReportOpensTicket(t *testing.T) {
	now := time.Date(2026, 3, 3, 10, 0, 0, 0, clock.Amsterdam)
	b := setup(t, now)
	reportID := time.Now().UnixNano() % 1_000_000_000
	pub := func(kind string, id int64, payload any) {
		err := testkit.DB(t).Bun.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
			_, err := events.Publish(ctx, tx, now, kind, "defect_report", id, payload)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, failed, err := b.app.Deps.Events.DeliverDue(context.Background()); err != nil || failed > 0 {
			t.Fatalf("deliver: %d failed %v", failed, err)
		}
	}
	payload := events.DefectReportedPayload{ReportID: reportID, ItemID: 7, CustomerID: b.customerID, ReporterID: &b.contact.User.ID,
		Serial: "CN0X7K2M", Product: "Latitude 5450", Kind: "visible", Description: "Kras op het scherm", InTime: true, ReportedAt: now.Add(-time.Hour)}
	pub(events.DefectReported, reportID, payload)
	pub(events.DefectReported, reportID, payload) // delivered twice: one ticket
	origin := fmt.Sprintf("hardware/defect_report/%d", reportID)
	var list struct{ Items []TicketOut }
	b.do(t, b.contact, "GET", "/api/v1/tickets", nil).Expect(t, 200).JSON(t, &list)
	n := 0
	var tk TicketOut
	for _, it := range list.Items {
		if it.Origin != nil && *it.Origin == origin {
			n++
			tk = it
		}
	}
	if n != 1 || tk.Category != "defect" || !tk.ReceivedAt.Equal(now.Add(-time.Hour)) {
		t.Fatalf("HW-5 defect ticket: %d tickets, %+v", n, tk)
	}
	// issue 13: the customer reads the ticket in its language (nl), without rule ids
	if tk.Subject != "Defect (zichtbaar): Latitude 5450 CN0X7K2M" || strings.Contains(tk.Description, "HW-5") ||
		tk.Description != "Kras op het scherm\n\nSerienummer CN0X7K2M, zichtbaar gebrek. Op tijd gemeld." {
		t.Errorf("the defect ticket reads %q / %q", tk.Subject, tk.Description)
	}
	// the desk's mail names the source in words, not "from , priority P3" (issue 13)
	if m := deskMail(t, tk.ID); !strings.Contains(m, "(Defective device), filed by the system.") ||
		!strings.Contains(m, "Priority: P3 — normal: a problem with a workaround.") || strings.Contains(m, "from ,") {
		t.Errorf("desk mail:\n%s", m)
	}
	var got []events.TicketCreatedPayload
	var rows []json.RawMessage
	if err := testkit.DB(t).Bun.NewRaw("SELECT payload FROM events WHERE kind = ? AND entity_id = ?", events.TicketCreated, tk.ID).Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		var p events.TicketCreatedPayload
		_ = json.Unmarshal(r, &p)
		got = append(got, p)
	}
	if len(got) != 1 || got[0].Origin != origin || got[0].Number != tk.Number {
		t.Fatalf("ticket.created %+v", got)
	}

	t.Run("attachments", func(t *testing.T) {
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
		send := func(token string, data []byte) int {
			var body bytes.Buffer
			w := multipart.NewWriter(&body)
			fw, _ := w.CreateFormFile("files", "foto.png")
			fw.Write(data)
			w.Close()
			req := httptest.NewRequest("POST", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), &body)
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := b.app.Server.App.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			return res.StatusCode
		}
		if st := send(b.contact.Token, png); st != 201 {
			t.Fatal(st)
		}
		if st := send(b.other.Token, png); st != 404 {
			t.Fatal(st)
		}
		if st := send(b.contact.Token, []byte("MZ\x90\x00 not an image")); st != 415 {
			t.Fatal(st)
		}
		b.do(t, b.other, "GET", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), nil).Expect(t, 404)
		b.do(t, b.tech, "GET", fmt.Sprintf("/api/v1/tickets/%d/attachments", tk.ID), nil).Expect(t, 200)
	})
}
