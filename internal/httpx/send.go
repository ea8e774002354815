package httpx

import (
	"github.com/gofiber/fiber/v2"
	segjson "github.com/segmentio/encoding/json"
)

// Send answers v as JSON (200 unless the handler set a status), written straight into the
// response's own body buffer: fasthttp takes that buffer from a pool sized to the answers
// it has sent, so a list page costs no allocation and no growing copy, where c.JSON
// encodes into a fresh slice (a 30 KB defect page grew 12 → 24 → 48 KB: 9 % of its CPU
// and most of the bytes the collector then chased, issue 14). The bytes are c.JSON's: the
// rows of a List whose items write themselves (RowJSON) by hand, anything else by
// segmentio/encoding with encoding/json's flags (TestSendWritesWhatJSONWrites).
func Send(c *fiber.Ctx, v any) error {
	resp := c.Response()
	b, err := AppendJSON(resp.SwapBody(nil)[:0], v)
	if err != nil {
		resp.SwapBody(b[:0])
		return err
	}
	resp.SwapBody(b)
	resp.Header.SetContentType(fiber.MIMEApplicationJSON)
	return nil
}

// AppendJSON appends v's JSON to b as Send writes it.
func AppendJSON(b []byte, v any) ([]byte, error) {
	if l, ok := v.(interface{ AppendJSON([]byte) ([]byte, bool) }); ok {
		if out, ok := l.AppendJSON(b); ok {
			return out, nil
		}
	}
	return segjson.Append(b, v, segjson.EscapeHTML|segjson.SortMapKeys)
}
