package outbox_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"backoffice/internal/outbox"
	"backoffice/internal/testkit"
)

func TestAttachmentsAreSentAsMultipart(t *testing.T) {
	d := testkit.DB(t)
	ctx := context.Background()
	sink := newSink(t)
	port := sink.ln.Addr().(*net.TCPAddr).Port
	smtp := outbox.SMTP{Host: "127.0.0.1", Port: port, From: "backoffice@example.nl"}
	now := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
	m := &outbox.Message{Kind: "invoice_issued", To: "klant@example.nl", Subject: "Factuur 2026-00001", Body: "Bijgaand de factuur.",
		Attachments: []outbox.Attachment{{Filename: "2026-00001.pdf", ContentType: "application/pdf", Content: []byte("%PDF-1.4 test")},
			{Filename: "2026-00001.xml", ContentType: "application/xml", Content: []byte("<Invoice/>")}}}
	if err := outbox.Enqueue(ctx, d.Bun, now, m); err != nil {
		t.Fatal(err)
	}
	got, err := outbox.Attachments(ctx, d.Bun, m.ID)
	if err != nil || len(got) != 2 {
		t.Fatalf("stored %d attachments (%v)", len(got), err)
	}
	if n, err := outbox.DeliverDue(ctx, d.Bun, smtp, now); err != nil || n < 1 {
		t.Fatalf("sent %d %v", n, err)
	}
	sink.mu.Lock()
	all := strings.Join(sink.msgs, "\n---\n")
	sink.mu.Unlock()
	for _, want := range []string{"multipart/mixed", `filename="2026-00001.pdf"`, "JVBERi0xLjQgdGVzdA==", `filename="2026-00001.xml"`, "Bijgaand de factuur."} {
		if !strings.Contains(all, want) {
			t.Errorf("message lacks %q:\n%s", want, all)
		}
	}
}
