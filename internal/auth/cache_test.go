package auth

import (
	"crypto/sha256"
	"testing"
	"time"
)

// The login cache keeps a resolved login for CacheTTL at most, never past the session's
// or token's own expiry, not when the clock went back, and never stores a lookup that
// began before a Forget (a logout or deactivation that committed meanwhile).
func TestLoginCache(t *testing.T) {
	c := &loginCache{entries: map[cacheKey]cacheEntry{}}
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	k := cacheKey{hash: sha256.Sum256([]byte("secret"))}
	p := &Principal{UserID: 7, Role: Technician}
	if got, _ := c.get(k, now); got != nil {
		t.Fatal("empty cache answered")
	}
	_, gen := c.get(k, now)
	c.put(k, gen, p, now, now.Add(time.Hour))
	for _, tc := range []struct {
		name string
		at   time.Time
		hit  bool
	}{
		{"same_instant", now, true},
		{"just_before_ttl", now.Add(CacheTTL - time.Millisecond), true},
		{"at_ttl", now.Add(CacheTTL), false},
		{"clock_went_back", now.Add(-time.Second), false},
	} {
		got, _ := c.get(k, tc.at)
		if (got != nil) != tc.hit {
			t.Errorf("%s: hit = %v, want %v", tc.name, got != nil, tc.hit)
		}
	}
	got, _ := c.get(k, now)
	got.Role = Admin // a request changing its copy changes nobody else's
	if again, _ := c.get(k, now); again.Role != Technician {
		t.Fatal("the cache handed out a shared principal")
	}
	t.Run("token_expiry_within_ttl", func(t *testing.T) {
		k2 := cacheKey{hash: sha256.Sum256([]byte("expiring"))}
		_, gen := c.get(k2, now)
		c.put(k2, gen, p, now, now.Add(time.Second))
		if got, _ := c.get(k2, now.Add(time.Second)); got != nil {
			t.Fatal("an expired token answered from the cache")
		}
	})
	t.Run("forget_drops_and_fences", func(t *testing.T) {
		k3 := cacheKey{session: true, hash: sha256.Sum256([]byte("racing"))}
		_, before := c.get(k3, now) // a lookup begins
		old := logins
		logins = c
		Forget() // a logout commits meanwhile
		logins = old
		c.put(k3, before, p, now, now.Add(time.Hour)) // the lookup read the old state
		if got, _ := c.get(k3, now); got != nil {
			t.Fatal("a lookup that began before Forget was stored")
		}
		if got, _ := c.get(k, now); got != nil {
			t.Fatal("Forget kept an entry")
		}
	})
}
