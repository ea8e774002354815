package hardware

import (
	"testing"

	"backoffice/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }
