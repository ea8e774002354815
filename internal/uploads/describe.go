package uploads

import (
	"fmt"
	"strings"
)

// Kind is what a file is for a person: "pdf" or "image" (a key for the page's message
// "…attachments.kind.<kind>"), never its MIME type.
func (u Upload) Kind() string {
	if u.ContentType == "application/pdf" {
		return "pdf"
	}
	return "image"
}

// SizeIn writes the file's size as people read it, in lang: "840 kB", "2,4 MB" (nl) or
// "2.4 MB" (en), "1 kB" for anything smaller.
func (u Upload) SizeIn(lang string) string {
	const kB, MB = 1000, 1000 * 1000
	var s string
	switch {
	case u.Size >= MB:
		s = fmt.Sprintf("%.1f MB", float64(u.Size)/MB)
	case u.Size >= kB:
		s = fmt.Sprintf("%d kB", (u.Size+kB/2)/kB)
	default:
		s = "1 kB"
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
