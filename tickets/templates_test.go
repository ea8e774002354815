package tickets

import (
	"testing"

	"backoffice/internal/clock"
	"backoffice/internal/web"
)

// TestTemplatesParse fails when a page template of the module does not parse with the
// layout (the server refuses to boot then).
func TestTemplatesParse(t *testing.T) {
	t.Parallel()
	e, err := web.New(clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.AddTemplates("tickets", (&Module{}).Templates()); err != nil {
		t.Fatal(err)
	}
}
