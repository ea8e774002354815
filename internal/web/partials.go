package web

import "html/template"

// partArg is a shared partial's argument with the language to write it in:
// {{template "pager" (in $.UILang .Data.Next)}} (a partial sees only its argument, not
// the page's $.UILang). A plain argument is written in StaffLang.
type partArg struct {
	L string
	V any
	P string // the list search's placeholder (inp), else the shared one
}

// partialFuncs are in, inp, argl, argv and argp: build a partArg and read its language and value.
func partialFuncs(fm template.FuncMap) {
	fm["in"] = func(lang string, v any) partArg { return partArg{L: lang, V: v} }
	// {{template "listsearch" (inp $.UILang (t $.UILang "accounts.ui.customers.search_placeholder") $L)}}:
	// a list's own placeholder, saying what its search looks in.
	fm["inp"] = func(lang, placeholder string, v any) partArg { return partArg{L: lang, V: v, P: placeholder} }
	fm["argp"] = func(v any) string {
		if a, ok := v.(partArg); ok {
			return a.P
		}
		return ""
	}
	fm["argl"] = func(v any) string {
		if a, ok := v.(partArg); ok {
			return a.L
		}
		return StaffLang
	}
	fm["argv"] = func(v any) any {
		if a, ok := v.(partArg); ok {
			return a.V
		}
		return v
	}
}
