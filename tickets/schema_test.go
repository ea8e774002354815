package tickets

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"backoffice/internal/apidoc"
)

// TestOpenAPIDocumentsEveryTicketRoute checks that every /api/v1 route of the module is
// in the generated OpenAPI 3.1 document and that the document stays valid with it.
func TestOpenAPIDocumentsEveryTicketRoute(t *testing.T) {
	t.Parallel()
	b := setup(t, at("2026-03-10 09:00"))
	documented := b.app.Server.Doc.Routes()
	for _, r := range b.app.Server.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == http.MethodHead {
			continue
		}
		if route := r.Method + " " + apidoc.OpenAPIPath(r.Path); !slices.Contains(documented, route) {
			t.Errorf("route not documented: %s", route)
		}
	}
	res := b.app.Do(t, "GET", "/api/openapi.json", "", nil).Expect(t, 200)
	doc, err := openapi3.NewLoader().LoadFromData(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Fatalf("openapi.json is invalid: %v", err)
	}
	for _, p := range []string{"/api/v1/tickets", "/api/v1/tickets/{id}", "/api/v1/tickets/{id}/comments", "/api/v1/tickets/{id}/status",
		"/api/v1/sla-policies", "/api/v1/sla-policies/{id}/customers/{customer_id}", "/api/v1/outages", "/api/v1/availability"} {
		if doc.Paths.Find(p) == nil {
			t.Errorf("document lacks %s", p)
		}
	}
	patch := doc.Components.Schemas["TicketsPatchInput"]
	if patch == nil || patch.Value.Properties["assignee_id"] == nil || patch.Value.Properties["AssigneeSet"] != nil {
		t.Errorf("PatchInput schema = %+v", patch)
	}
}
