package receivables_test

import (
	"testing"

	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }
