package testkit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// PDFText is the text of a PDF as pdftotext (poppler-utils) reads it, lines joined with
// single spaces so a test can look for a sentence that wraps. With BACKOFFICE_SCREENSHOTS
// set, the PDF is also written there as name.pdf, to look at.
func PDFText(t testing.TB, name string, pdf []byte) string {
	t.Helper()
	if dir := os.Getenv("BACKOFFICE_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644)
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils) on %s: %v", name, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// PDFPages is the text of each page of a PDF (as PDFText reads it), to tell on which page
// a sentence stands.
func PDFPages(t testing.TB, name string, pdf []byte) []string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils) on %s: %v", name, err)
	}
	var pages []string
	for _, p := range strings.Split(strings.TrimRight(string(out), "\f"), "\f") {
		pages = append(pages, strings.Join(strings.Fields(p), " "))
	}
	return pages
}
