package uploads

import (
	"bytes"
	"errors"
	"testing"
)

func TestSniff(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png"},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}, "image/jpeg"},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "application/pdf"},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), "image/webp"},
		{"html_named_png", []byte("<html><script>alert(1)</script>"), ""},
		{"exe", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Sniff(c.data)
			if got != c.want || (c.want == "") != errors.Is(err, ErrType) {
				t.Fatalf("%q, %v", got, err)
			}
		})
	}
	if _, err := Check("big.png", bytes.NewReader(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, MaxSize)...))); !errors.Is(err, ErrTooLarge) {
		t.Fatal(err)
	}
	if _, err := Check("empty.pdf", bytes.NewReader(nil)); !errors.Is(err, ErrNoFile) {
		t.Fatal(err)
	}
	if n := cleanName(`C:\Users\x\"evil".png`); n != "evil.png" {
		t.Fatal(n)
	}
	if !IsUploadPath("/api/v1/tickets/3/attachments") || IsUploadPath("/api/v1/tickets/3/attachments/4") {
		t.Fatal("upload path")
	}
	AcceptOn("/portal/tickets/:id/comments")
	if !IsUploadPath("/portal/tickets/12/comments") || IsUploadPath("/portal/tickets/12/status") || IsUploadPath("/portal/tickets/12/x/comments") {
		t.Fatal("accepted upload route")
	}
}
