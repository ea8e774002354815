package httpx

import (
	"net/url"
	"strings"
)

// SafeNext returns s when it is a clean same-origin path to redirect to after login, and
// fallback otherwise. It refuses control characters (response splitting: "/\r\nSet-Cookie:…"),
// backslashes and tabs (browsers read "/\t/evil.example" and "/\evil" as "//evil.example"),
// a scheme or an authority ("//evil.example", "https://…"), and anything that does not
// start with a single "/". The value is re-encoded from its parsed form, so what reaches
// the Location header is exactly the path and query that were checked.
func SafeNext(s, fallback string) string {
	if s == "" || len(s) > 2000 || s[0] != '/' || strings.HasPrefix(s, "//") {
		return fallback
	}
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x21 || b == 0x7f || b == '\\' || b >= 0x80 {
			return fallback
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	// The decoded path must be as clean as the raw one ("/%0d%0a", "/%5c%5cevil", "/%2f%2fevil").
	for _, r := range u.Path {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return fallback
		}
	}
	if strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out
}
