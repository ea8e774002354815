package outbox

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
)

// Attachment is a file sent with a message (stored with it, sent as multipart/mixed).
type Attachment struct {
	bun.BaseModel `bun:"table:outbox_attachments"`

	ID          int64  `bun:"id,pk,autoincrement" json:"id"`
	MessageID   int64  `bun:"message_id" json:"message_id"`
	Filename    string `bun:"filename" json:"filename"`
	ContentType string `bun:"content_type" json:"content_type"`
	Content     []byte `bun:"content" json:"-"`
}

func saveAttachments(ctx context.Context, db bun.IDB, m *Message) error {
	if len(m.Attachments) == 0 {
		return nil
	}
	for i := range m.Attachments {
		m.Attachments[i].MessageID = m.ID
	}
	if _, err := db.NewInsert().Model(&m.Attachments).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("outbox: attachments of %s: %w", m.Kind, err)
	}
	return nil
}

func loadAttachments(ctx context.Context, db bun.IDB, msgs []*Message) error {
	if len(msgs) == 0 {
		return nil
	}
	ids := make([]int64, len(msgs))
	by := map[int64]*Message{}
	for i, m := range msgs {
		ids[i], by[m.ID] = m.ID, m
	}
	var all []Attachment
	if err := db.NewSelect().Model(&all).Where("message_id IN (?)", bun.In(ids)).Order("id").Scan(ctx); err != nil {
		return err
	}
	for _, a := range all {
		by[a.MessageID].Attachments = append(by[a.MessageID].Attachments, a)
	}
	return nil
}

// Attachments lists a message's files (for the outbox page).
func Attachments(ctx context.Context, db bun.IDB, messageID int64) ([]Attachment, error) {
	var out []Attachment
	err := db.NewSelect().Model(&out).Where("message_id = ?", messageID).Order("id").Scan(ctx)
	return out, err
}

// mimeBody writes the body and attachments as multipart/mixed (RFC 2046), base64 parts.
func mimeBody(m *Message, boundary string) (contentType, body string) {
	var b strings.Builder
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
		boundary, strings.ReplaceAll(m.Body, "\n", "\r\n"))
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, "--%s\r\nContent-Type: %s; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n",
			boundary, a.ContentType, a.Filename, a.Filename)
		enc := base64.StdEncoding.EncodeToString(a.Content)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return "multipart/mixed; boundary=\"" + boundary + "\"", b.String()
}
