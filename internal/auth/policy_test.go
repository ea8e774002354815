package auth

import "testing"

// TestPasswordPolicy reproduces issue 9 #10: "aaaaaaaaaaaa", "password1234" and twelve
// spaces were accepted.
func TestPasswordPolicy(t *testing.T) {
	refused := []string{"aaaaaaaaaaaa", "password1234", "            ", "short", "Password1234!", "P@ssw0rd2026",
		"123456789012", "qwertyuiopas", "abcabcabcabc", "Welkom123456", "wachtwoord12", "backoffice2026", "Summer2026!!", "pass word 1234"}
	for _, pw := range refused {
		if PasswordProblem(pw) == "" {
			t.Errorf("%q was accepted", pw)
		}
	}
	accepted := []string{"correct-horse-battery", "backoffice-demo", "tulpen fiets grachten", "x7#Rk29!pQzLm", "483920174655"}
	for _, pw := range accepted {
		if msg := PasswordProblem(pw); msg != "" {
			t.Errorf("%q refused: %s", pw, msg)
		}
	}
}
