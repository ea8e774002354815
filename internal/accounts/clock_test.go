package accounts_test

import (
	"context"
	"testing"
	"time"

	"backoffice/internal/accounts"
	"backoffice/internal/auth"
	"backoffice/internal/clock"
	"backoffice/internal/testkit"
)

// TestTestClockIsSharedThroughTheDatabase: an instance that pins the test clock stores it
// in PostgreSQL, and another instance on the same database follows it (issue 9).
func TestTestClockIsSharedThroughTheDatabase(t *testing.T) {
	ctx := context.Background()
	a := testkit.NewApp(t, time.Time{}, nil)
	admin := testkit.Login(t, auth.Admin, nil)
	pinned := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	a.Do(t, "PUT", "/api/v1/test/clock", admin.Token, map[string]any{"now": pinned.Format(time.RFC3339)}).Expect(t, 200)

	other := clock.NewSettable(clock.Real{}) // a second instance's clock
	if err := accounts.LoadTestClock(ctx, testkit.DB(t).Bun, other); err != nil {
		t.Fatal(err)
	}
	if at, ok := other.Pinned(); !ok || !at.Equal(pinned) {
		t.Fatalf("the other instance sees %v (pinned %v), want %v", at, ok, pinned)
	}
	a.Do(t, "DELETE", "/api/v1/test/clock", admin.Token, nil).Expect(t, 200)
	if err := accounts.LoadTestClock(ctx, testkit.DB(t).Bun, other); err != nil {
		t.Fatal(err)
	}
	if _, ok := other.Pinned(); ok {
		t.Fatal("the other instance stays pinned after the release")
	}
}
