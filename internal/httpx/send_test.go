package httpx

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

type sendRow struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func (r *sendRow) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"id":`...), r.ID, 10)
	return append(JSONString(append(b, `,"name":`...), r.Name), '}')
}

type plainRow struct {
	ID    int64          `json:"id"`
	Note  *string        `json:"note,omitempty"`
	Extra map[string]any `json:"extra"`
}

// Send writes into the response's pooled body buffer: the bytes must be encoding/json's
// for a page whose rows write themselves and for any other value, a long answer must
// leave nothing behind in the next, shorter one, and a value that cannot be encoded is
// an error with no half-written JSON.
func TestSendWritesWhatJSONWrites(t *testing.T) {
	rows := func(n int) List[sendRow] {
		next := "eyJpZCI6MTIzfQ"
		l := List[sendRow]{Items: []sendRow{}, Next: &next}
		for i := range n {
			l.Items = append(l.Items, sendRow{int64(i), `Bakker & Zn <b>"BV"</b> ` + strings.Repeat("é", i%7) + "\u2028"})
		}
		return l
	}
	note := `<b>Bakker & Zn</b>`
	cases := map[string]any{
		"/rows/200": rows(200),
		"/rows/1":   rows(1),
		"/rows/0":   List[sendRow]{},
		"/plain":    List[plainRow]{Items: []plainRow{{ID: 1, Note: &note, Extra: map[string]any{"z": 1, "a": nil, "m": "q", "b": 2, "y": 3, "c": 4}}, {ID: 2}}},
		"/map":      fiber.Map{"status": "ok"},
	}
	app := fiber.New()
	app.Get("/bad", func(c *fiber.Ctx) error { return Send(c, map[string]any{"c": make(chan int)}) })
	app.Get("/*", func(c *fiber.Ctx) error { return Send(c, cases[c.Path()]) })
	for _, path := range []string{"/rows/200", "/rows/1", "/map", "/rows/0", "/rows/200", "/plain", "/rows/1"} {
		want, err := json.Marshal(cases[path])
		if err != nil {
			t.Fatal(err)
		}
		resp, err := app.Test(httptest.NewRequest("GET", path, nil))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != fiber.MIMEApplicationJSON {
			t.Fatalf("%s: %d %q", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if string(got) != string(want) {
			t.Fatalf("%s: Send wrote\n%s\nencoding/json writes\n%s", path, got, want)
		}
	}
	resp, err := app.Test(httptest.NewRequest("GET", "/bad", nil))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 500 || strings.HasPrefix(string(got), "{") {
		t.Fatalf("an unencodable value answered %d %q", resp.StatusCode, got)
	}
}
