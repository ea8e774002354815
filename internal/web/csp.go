package web

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
)

// PagePolicy is the Content-Security-Policy of a rendered page (issue 9 #7): scripts and
// <style> elements only from this origin or carrying this response's nonce, no plugins,
// no framing by anyone, forms and fetches only to this origin. style attributes stay
// allowed (style-src-attr): they cannot run code, and pages use a few for layout.
func PagePolicy(nonce string) string {
	n := "'nonce-" + nonce + "'"
	return "default-src 'self'; script-src 'self' " + n + "; style-src 'self' " + n + "; style-src-elem 'self' " + n +
		"; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'" +
		"; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
}

func newNonce() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawStdEncoding.EncodeToString(b)
}

// withNonce gives every <script> and <style> element of the rendered page the nonce.
// Only the templates can produce these tags: html/template escapes "<" in every value
// it inserts (text: &lt;, attributes: &lt;, scripts: \u003c), so user data cannot.
func withNonce(page []byte, nonce string) []byte {
	attr := []byte(` nonce="` + nonce + `"`)
	for _, tag := range [][]byte{[]byte("<script"), []byte("<style")} {
		var out bytes.Buffer
		rest := page
		for {
			i := bytes.Index(rest, tag)
			if i < 0 {
				out.Write(rest)
				break
			}
			end := i + len(tag)
			out.Write(rest[:end])
			if end < len(rest) && (rest[end] == '>' || rest[end] == ' ' || rest[end] == '\n' || rest[end] == '\t') {
				out.Write(attr)
			}
			rest = rest[end:]
		}
		page = out.Bytes()
	}
	return page
}
