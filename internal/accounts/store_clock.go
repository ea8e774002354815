package accounts

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"backoffice/internal/clock"
	"backoffice/internal/db"
)

// saveTestClock stores the pinned instant (nil: released) for every instance.
func saveTestClock(ctx context.Context, b bun.IDB, pinned *time.Time, now time.Time) error {
	_, err := b.NewRaw(`INSERT INTO test_clock (id, pinned_at, set_at) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET pinned_at = EXCLUDED.pinned_at, set_at = EXCLUDED.set_at`, pinned, now).Exec(ctx)
	if err != nil {
		return fmt.Errorf("accounts: store the test clock: %w", err)
	}
	return nil
}

// LoadTestClock applies the shared test clock to s: pinned where another instance (or
// this one) pinned it, released otherwise.
func LoadTestClock(ctx context.Context, b bun.IDB, s *clock.Settable) error {
	var pinned *time.Time
	err := b.NewRaw("SELECT pinned_at FROM test_clock WHERE id = 1").Scan(ctx, &pinned)
	if err != nil && !db.IsNoRows(err) {
		return fmt.Errorf("accounts: read the test clock: %w", err)
	}
	if pinned != nil {
		s.Set(*pinned)
	} else {
		s.Reset()
	}
	return nil
}

// FollowTestClock keeps s equal to the shared test clock until ctx ends, reading it every
// interval (the test clock is for demos and acceptance tests, never production).
func FollowTestClock(ctx context.Context, b bun.IDB, s *clock.Settable, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := LoadTestClock(ctx, b, s); err != nil && ctx.Err() == nil {
				log.Warn("test clock", "error", err)
			}
		}
	}
}
