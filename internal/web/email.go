package web

import (
	"fmt"
	"html/template"
	"strings"
)

// Email writes an e-mail address that a narrow column may break after its "@" and before
// each dot (contact@<wbr>acme<wbr>.demo…), never inside a word; nil or empty writes nothing.
func Email(v any) template.HTML {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case *string:
		if x != nil {
			s = *x
		}
	default:
		s = fmt.Sprint(v)
	}
	s = template.HTMLEscapeString(s)
	s = strings.ReplaceAll(s, "@", "@<wbr>")
	s = strings.ReplaceAll(s, ".", "<wbr>.")
	return template.HTML(s)
}
