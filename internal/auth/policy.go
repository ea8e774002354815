package auth

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinPasswordLength is ASVS V2.1.1's minimum.
const MinPasswordLength = 12

//go:embed data/common-passwords.txt
var commonList string

var common = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

var leet = strings.NewReplacer("@", "a", "4", "a", "3", "e", "1", "i", "!", "i", "0", "o", "$", "s", "5", "s", "7", "t", "+", "t")

// PasswordProblem says why a new password is refused, or "" when it is acceptable (ASVS
// V2.1): at least 12 characters, not whitespace only, not one character repeated or a
// short unit repeated ("abcabcabcabc"), and not a common password — also after removing
// the digits and symbols people pad common words with ("Password1234!") and undoing
// leetspeak ("P@ssw0rd2026"). The list is embedded (data/common-passwords.txt).
func PasswordProblem(pw string) string {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return "must have at least 12 characters"
	}
	if strings.TrimSpace(pw) == "" {
		return "must not be only spaces"
	}
	l := strings.ToLower(pw)
	if repeated(l) {
		return "must not repeat one character or a short pattern"
	}
	if isCommon(l) {
		return "is too common; choose a longer phrase of unrelated words"
	}
	return ""
}

func isCommon(l string) bool {
	if common[l] {
		return true
	}
	pad := func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	}
	core := strings.TrimFunc(l, pad)
	if core == "" {
		// only digits and symbols: refuse runs like 123456789012 (on the list) and accept the rest
		return common[strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return r
			}
			return -1
		}, l)]
	}
	if common[core] || common[leet.Replace(core)] || repeated(core) && len(core) >= 3 {
		return true
	}
	de := leet.Replace(l)
	if common[de] || common[strings.TrimFunc(de, pad)] {
		return true
	}
	// word separated by spaces/dashes: "pass word 1234"
	squeezed := strings.Map(func(r rune) rune {
		if pad(r) {
			return -1
		}
		return r
	}, l)
	return common[squeezed] || common[leet.Replace(squeezed)]
}

// repeated reports whether s is one unit of at most 4 characters repeated.
func repeated(s string) bool {
	r := []rune(s)
	for unit := 1; unit <= 4 && unit < len(r); unit++ {
		if len(r)%unit != 0 {
			continue
		}
		same := true
		for i := unit; i < len(r); i++ {
			if r[i] != r[i%unit] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}
