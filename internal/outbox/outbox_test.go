package outbox_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"backoffice/internal/outbox"
	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// smtpSink is a minimal SMTP server on loopback that records what it receives.
type smtpSink struct {
	mu   sync.Mutex
	msgs []string
	ln   net.Listener
}

func newSink(t *testing.T) *smtpSink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpSink{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	w := func(line string) { c.Write([]byte(line + "\r\n")) }
	w("220 sink ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			w("250 sink")
		case strings.HasPrefix(cmd, "DATA"):
			w("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, b.String())
			s.mu.Unlock()
			w("250 queued")
		case strings.HasPrefix(cmd, "QUIT"):
			w("221 bye")
			return
		default:
			w("250 ok")
		}
	}
}

func TestDeliverDueOverSMTP(t *testing.T) {
	d := testkit.DB(t)
	ctx := context.Background()
	sink := newSink(t)
	port := sink.ln.Addr().(*net.TCPAddr).Port
	smtp := outbox.SMTP{Host: "127.0.0.1", Port: port, From: "backoffice@example.nl"}
	now := time.Date(2026, 3, 2, 22, 0, 0, 0, time.UTC)
	mustEnqueue := func(m *outbox.Message) {
		if err := outbox.Enqueue(ctx, d.Bun, now, m); err != nil {
			t.Fatal(err)
		}
	}
	mustEnqueue(&outbox.Message{Kind: "test", To: "klant@example.nl", Subject: "Offerte geaccepteerd", Body: "Dank u wel.\nGroet"})
	mustEnqueue(&outbox.Message{Kind: "test", To: "desk@example.nl", Subject: "Morning", Body: "later", NotBefore: now.Add(10 * time.Hour)})
	key := outbox.Key("once:%d", now.Unix())
	mustEnqueue(&outbox.Message{Kind: "test", To: "am@example.nl", Subject: "Reminder", Body: "x", DedupKey: key})
	mustEnqueue(&outbox.Message{Kind: "test", To: "am@example.nl", Subject: "Reminder", Body: "x", DedupKey: key})

	if n, err := outbox.DeliverDue(ctx, d.Bun, outbox.SMTP{}, now); err != nil || n != 0 {
		t.Fatalf("without SMTP nothing is sent: %d %v", n, err)
	}
	n, err := outbox.DeliverDue(ctx, d.Bun, smtp, now)
	if err != nil || n != 2 {
		t.Fatalf("sent %d (%v), want 2 (the deduplicated reminder once, the morning one later)", n, err)
	}
	sink.mu.Lock()
	got := strings.Join(sink.msgs, "\n---\n")
	sink.mu.Unlock()
	if !strings.Contains(got, "Subject: Offerte geaccepteerd") || !strings.Contains(got, "Dank u wel.\r\nGroet") {
		t.Fatalf("received:\n%s", got)
	}
	if n, _ := outbox.DeliverDue(ctx, d.Bun, smtp, now.Add(10*time.Hour)); n != 1 {
		t.Fatalf("not-before message: sent %d", n)
	}
	var pending int
	if err := d.Bun.NewSelect().Table("outbox").ColumnExpr("count(*)").Where("status = 'pending'").Scan(ctx, &pending); err != nil || pending != 0 {
		t.Fatalf("pending %d %v", pending, err)
	}
}
