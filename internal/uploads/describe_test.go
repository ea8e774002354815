package uploads

import "testing"

// TestUploadDescribed — issue 13 "no internal codes": an attachment reads as "Photo ·
// 840 kB" or "PDF document · 2,4 MB", not "application/pdf · 2483921 bytes".
func TestUploadDescribed(t *testing.T) {
	for _, c := range []struct {
		ct           string
		size         int
		kind, nl, en string
	}{
		{"application/pdf", 2_483_921, "pdf", "2,5 MB", "2.5 MB"},
		{"image/png", 840_400, "image", "840 kB", "840 kB"},
		{"image/jpeg", 120, "image", "1 kB", "1 kB"},
	} {
		u := Upload{ContentType: c.ct, Size: c.size}
		if u.Kind() != c.kind || u.SizeIn("nl") != c.nl || u.SizeIn("en") != c.en {
			t.Errorf("%s %d: %s %s %s", c.ct, c.size, u.Kind(), u.SizeIn("nl"), u.SizeIn("en"))
		}
	}
}
