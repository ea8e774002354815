package orders

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"strings"
	"sync"
	"testing"

	"backoffice/internal/testkit"
)

// A signed quote as the tests upload it: a small real PDF header, and a PNG renamed .pdf.
var (
	signedPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pngBytes  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 64)...)
)

// postSigned posts an acceptance as multipart: the fields and the file signed_pdf.
func postSigned(t *testing.T, a *testkit.App, path, token string, fields map[string]string, filename string, data []byte) *testkit.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if data != nil {
		fw, err := mw.CreateFormFile(SignedField, filename)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	return postBody(t, a, path, token, mw.FormDataContentType(), &body)
}

// TestSignedPDFAcceptance: a sent quote is accepted by uploading the signed quote —
// in the portal, by staff who received it by mail, or through the API's multipart
// acceptance. Only a PDF (checked by its content) of at most 10 MB is taken; the file is
// kept with the acceptance record and downloadable by staff and the company's own users.
func TestSignedPDFAcceptance(t *testing.T) {
	e := setup(t, monday2March)
	t.Run("Q-3_png_renamed_pdf_is_rejected_with_a_field_error", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		r := postSigned(t, e.a, fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "signed.pdf", pngBytes).Expect(t, 422)
		if r.Code(t) != "validation_failed" || strings.Join(r.FieldErrors(t), ",") != SignedField {
			t.Fatalf("code %s fields %v: %s", r.Code(t), r.FieldErrors(t), r.Body)
		}
		// the portal form shows the message beside the upload and keeps the typed name; the
		// field error is in the customer's language (issue 13 "Portal": a Dutch company)
		r = postSigned(t, e.a, fmt.Sprintf("/portal/quotes/%d/accept", q.ID), e.contact.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "signed.pdf", pngBytes)
		expectForm(t, r, 422, "", "<b>Ondertekende offerte</b> moet een pdf-document zijn", "Verbeter dit:",
			`id="signed-by" required maxlength="200" value="Anna de Vries"`)
		if strings.Contains(string(r.Body), "must be a PDF document") {
			t.Error("the Dutch portal shows the English field error")
		}
		var got QuoteOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200).JSON(t, &got)
		if got.Status != "sent" || got.Acceptance != nil {
			t.Fatalf("a refused upload accepted the quote: %+v", got)
		}
	})
	t.Run("Q-3_larger_than_10_MB_is_rejected", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		big := append(append([]byte{}, signedPDF...), bytes.Repeat([]byte("x"), 10<<20)...)
		r := postSigned(t, e.a, fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.am.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "signed.pdf", big).Expect(t, 413)
		if r.Code(t) != "upload_too_large" {
			t.Fatalf("code %s", r.Code(t))
		}
		postSigned(t, e.a, fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.am.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "", nil).Expect(t, 422)
	})
	t.Run("Q-3_portal_upload_keeps_the_file_for_the_company_only", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		r := postSigned(t, e.a, fmt.Sprintf("/portal/quotes/%d/accept", q.ID), e.contact.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "getekend.pdf", signedPDF)
		if r.Status != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/portal/orders/") {
			t.Fatalf("status %d location %q: %.400s", r.Status, r.Header.Get("Location"), r.Body)
		}
		var got QuoteOut
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d", q.ID), e.contact.Token, nil).Expect(t, 200).JSON(t, &got)
		link := fmt.Sprintf("/api/v1/quotes/%d/signed-pdf", q.ID)
		if got.Status != "accepted" || got.Acceptance == nil || got.Acceptance.Method != "signed_pdf" || got.Acceptance.SignedPDF != link {
			t.Fatalf("acceptance %+v", got.Acceptance)
		}
		for _, who := range []testkit.As{e.contact, e.am} {
			d := e.a.Do(t, "GET", link, who.Token, nil).Expect(t, 200)
			if !bytes.Equal(d.Body, signedPDF) || d.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("download: %s %q", d.Header.Get("Content-Type"), d.Body)
			}
		}
		e.a.Do(t, "GET", link, e.other.Token, nil).Expect(t, 404)
		e.a.Do(t, "GET", link, "", nil).Expect(t, 401)
		page := e.a.Do(t, "GET", fmt.Sprintf("/portal/quotes/%d", q.ID), e.contact.Token, nil).Expect(t, 200)
		if !strings.Contains(string(page.Body), `href="`+link+`"`) {
			t.Error("the portal quote page does not link the signed copy")
		}
		pdf := e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/pdf", q.ID), e.contact.Token, nil).Expect(t, 200)
		if txt := testkit.PDFText(t, "quote-signed", pdf.Body); !strings.Contains(txt, "ondertekend exemplaar ontvangen op 2 maart 2026") {
			t.Errorf("the quote PDF's acceptance record lacks the signed copy: %s", txt)
		}
		// a quote without a signed copy has none to download
		plain := e.sentQuote(t, nil)
		e.accept(t, plain.ID)
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/signed-pdf", plain.ID), e.contact.Token, nil).Expect(t, 404)
	})
	t.Run("Q-3_staff_record_the_signed_quote_received_by_mail", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		page := e.a.Do(t, "GET", fmt.Sprintf("/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200)
		if !strings.Contains(string(page.Body), `id="record-signed"`) {
			t.Fatal("the staff quote page offers no upload of the signed quote")
		}
		r := postSigned(t, e.a, fmt.Sprintf("/quotes/%d/accept", q.ID), e.am.Token,
			map[string]string{"accepted_by": "Anna de Vries"}, "scan.pdf", signedPDF)
		expectForm(t, r, 303, fmt.Sprintf("/quotes/%d", q.ID))
		page = e.a.Do(t, "GET", fmt.Sprintf("/quotes/%d", q.ID), e.am.Token, nil).Expect(t, 200)
		if !strings.Contains(string(page.Body), `id="signed-pdf-link"`) || !strings.Contains(string(page.Body), "signed copy received on 2 March 2026") {
			t.Errorf("the staff page shows no signed copy: %.2000s", page.Body)
		}
		e.a.Do(t, "GET", fmt.Sprintf("/api/v1/quotes/%d/signed-pdf", q.ID), e.contact.Token, nil).Expect(t, 200)
		if outboxCount(t, "quote_accepted", "quote", q.ID) != 1 {
			t.Error("Q-3: no confirmation mail for the recorded acceptance")
		}
	})
	t.Run("Q-3_two_concurrent_acceptances_exactly_one_wins", func(t *testing.T) {
		q := e.sentQuote(t, nil)
		var wg sync.WaitGroup
		status := make([]int, 2)
		wg.Add(2)
		go func() {
			defer wg.Done()
			status[0] = postSigned(t, e.a, fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.am.Token,
				map[string]string{"accepted_by": "Anna de Vries"}, "scan.pdf", signedPDF).Status
		}()
		go func() {
			defer wg.Done()
			status[1] = e.a.Do(t, "POST", fmt.Sprintf("/api/v1/quotes/%d/accept", q.ID), e.contact.Token,
				map[string]any{"accepted_by": "Piet Jansen", "method": "portal"}).Status
		}()
		wg.Wait()
		if !(status[0] == 200 && status[1] == 409 || status[0] == 409 && status[1] == 200) {
			t.Fatalf("statuses %v, want one 200 and one 409", status)
		}
		n, err := testkit.DB(t).Bun.NewSelect().TableExpr("orders").Where("quote_id = ?", q.ID).Count(t.Context())
		if err != nil || n != 1 {
			t.Fatalf("%d orders (%v), want 1", n, err)
		}
		files, err := testkit.DB(t).Bun.NewSelect().TableExpr("uploads").Where("owner_kind = ? AND owner_id = ?", UploadKindQuote, q.ID).Count(t.Context())
		if err != nil || (status[0] == 200) != (files == 1) || files > 1 {
			t.Fatalf("%d signed copies stored (%v) for statuses %v", files, err, status)
		}
	})
}
