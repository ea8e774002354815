package auth

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Throttle slows password guessing without letting anyone lock a victim out (OWASP ASVS
// V2.2.1): only failed logins count, never successes; and the counters live in
// PostgreSQL (login_throttle) so every instance behind a load balancer sees them.
//
//   - per account and address: after PairFree failures, each further failure makes that
//     address wait 2, 4, 8, … seconds (at most MaxDelay) before its next try for that account;
//   - per account from any address: the same growing delay, but only after AccountFree
//     failures, so a stranger failing from his address does not slow the owner elsewhere;
//   - per address over all accounts: at most AddressMax failures per Window (credential
//     stuffing), a bound far above what an office behind one NAT produces.
//
// A success clears the account's counters. Counters untouched for Window start afresh.
// The throttle uses the database's clock (real time): the test clock must not unlock it.
type Throttle struct {
	DB          bun.IDB
	PairFree    int
	AccountFree int
	AddressMax  int
	Window      time.Duration
	MaxDelay    time.Duration
}

// NewThrottle is the production policy.
func NewThrottle(db bun.IDB) *Throttle {
	return &Throttle{DB: db, PairFree: 5, AccountFree: 20, AddressMax: 100, Window: 15 * time.Minute, MaxDelay: 15 * time.Minute}
}

// ErrThrottled is the 429 for a throttled login; RetryAfter tells how long to wait.
type ErrThrottled struct{ RetryAfter time.Duration }

func (e *ErrThrottled) Error() string { return "too many failed logins; try again later" }

// Unwrap makes the error a problem (429 too_many_attempts).
func (e *ErrThrottled) Unwrap() error { return ErrTooManyAttempts }

func keys(email, ip string) (pair, account, address string) {
	e := strings.ToLower(strings.TrimSpace(email))
	return "pair:" + e + "|" + ip, "account:" + e, "address:" + ip
}

// Check answers an *ErrThrottled when this account or address must wait before trying again.
func (t *Throttle) Check(ctx context.Context, email, ip string) error {
	pair, account, address := keys(email, ip)
	var wait float64
	err := t.DB.NewRaw(`SELECT coalesce(max(extract(epoch FROM wait)), 0) FROM (
		SELECT blocked_until - now() AS wait FROM login_throttle WHERE key IN (?, ?) AND blocked_until > now()
		UNION ALL
		SELECT window_start + ? * interval '1 second' - now() FROM login_throttle
		 WHERE key = ? AND failures >= ? AND window_start > now() - ? * interval '1 second') w`,
		pair, account, t.Window.Seconds(), address, t.AddressMax, t.Window.Seconds()).Scan(ctx, &wait)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &ErrThrottled{RetryAfter: time.Duration(math.Ceil(wait)) * time.Second}
	}
	return nil
}

// Failed counts a failed login for the account and the address.
func (t *Throttle) Failed(ctx context.Context, email, ip string) error {
	pair, account, address := keys(email, ip)
	for _, k := range []struct {
		key  string
		free int
	}{{pair, t.PairFree}, {account, t.AccountFree}, {address, -1}} {
		var n int
		err := t.DB.NewRaw(`INSERT INTO login_throttle (key, failures, window_start, updated_at) VALUES (?, 1, now(), now())
			ON CONFLICT (key) DO UPDATE SET
			  failures = CASE WHEN login_throttle.updated_at < now() - ? * interval '1 second' THEN 1 ELSE login_throttle.failures + 1 END,
			  window_start = CASE WHEN login_throttle.updated_at < now() - ? * interval '1 second' THEN now() ELSE login_throttle.window_start END,
			  blocked_until = CASE WHEN login_throttle.updated_at < now() - ? * interval '1 second' THEN NULL ELSE login_throttle.blocked_until END,
			  updated_at = now()
			RETURNING failures`, k.key, t.Window.Seconds(), t.Window.Seconds(), t.Window.Seconds()).Scan(ctx, &n)
		if err != nil {
			return err
		}
		if k.free >= 0 && n > k.free {
			delay := t.delay(n - k.free)
			if _, err := t.DB.NewRaw(`UPDATE login_throttle SET blocked_until = now() + ? * interval '1 second' WHERE key = ?`,
				delay.Seconds(), k.key).Exec(ctx); err != nil {
				return err
			}
		}
	}
	// Forget what no longer matters (cheap: indexed on updated_at, runs rarely).
	if time.Now().UnixNano()%50 == 0 {
		if _, err := t.DB.NewRaw(`DELETE FROM login_throttle WHERE updated_at < now() - interval '1 day'`).Exec(ctx); err != nil {
			slog.WarnContext(ctx, "auth: pruning the login throttle failed", "err", err) // the next call retries
		}
	}
	return nil
}

// Succeeded clears the account's counters (the address counter stays: it bounds stuffing).
func (t *Throttle) Succeeded(ctx context.Context, email, ip string) error {
	pair, account, _ := keys(email, ip)
	_, err := t.DB.NewRaw(`DELETE FROM login_throttle WHERE key IN (?, ?)`, pair, account).Exec(ctx)
	return err
}

// delay is 2^n seconds, at most MaxDelay.
func (t *Throttle) delay(n int) time.Duration {
	if n > 20 {
		return t.MaxDelay
	}
	d := time.Duration(1<<n) * time.Second
	if d > t.MaxDelay {
		return t.MaxDelay
	}
	return d
}

// Login authenticates through the throttle: a throttled account or address is answered
// *ErrThrottled without checking the password; a wrong password counts as a failure;
// a success clears the account's counters.
func (t *Throttle) Login(ctx context.Context, email, password, ip string, now time.Time) (*User, error) {
	if err := t.Check(ctx, email, ip); err != nil {
		return nil, err
	}
	u, err := Authenticate(ctx, t.DB, email, password, now)
	if err != nil {
		if errors.Is(err, ErrBadCredentials) {
			if ferr := t.Failed(ctx, email, ip); ferr != nil {
				return nil, ferr
			}
		}
		return nil, err
	}
	return u, t.Succeeded(ctx, email, ip)
}
