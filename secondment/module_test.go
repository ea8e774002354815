package secondment

import (
	"testing"

	"backoffice/internal/clock"
	"backoffice/internal/web"
)

// TestTemplatesParse fails when a page template is broken, as the server would at boot.
func TestTemplatesParse(t *testing.T) {
	t.Parallel()
	eng, err := web.New(clock.Real{})
	if err != nil {
		t.Fatal(err)
	}
	m := &Module{web: eng}
	if err := eng.AddTemplates(m.Name(), m.Templates()); err != nil {
		t.Fatalf("templates: %v", err)
	}
	if len(m.Nav()) != 6 {
		t.Fatalf("nav = %+v", m.Nav())
	}
}
