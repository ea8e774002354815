package auth

import (
	"crypto/sha256"
	"sync"
	"time"
)

// CacheTTL is how long a resolved login is reused without asking the database again.
// A change made through this instance (logout, token revocation, deactivation, block,
// role, password or name change, erasure, a customer's language) forgets every cached
// login at once (Forget, after the change committed); a change made through another
// instance of the same database is seen here within CacheTTL. Without the cache every
// request spent a second statement on its login (issue 14).
const CacheTTL = 3 * time.Second

// cacheLimit bounds the cache; past it the cache starts over (logins are cheap to
// look up again, and a flood of distinct tokens must not grow the heap).
const cacheLimit = 10000

type cacheKey struct {
	session bool
	hash    [sha256.Size]byte
}

type cacheEntry struct {
	p        Principal
	cachedAt time.Time
	expires  time.Time // the session's or token's own expiry
}

// loginCache maps a session or token hash to the principal it resolved to. Only
// successful lookups are kept: an unknown, expired or blocked login asks the database
// every time, so it takes effect the moment it is lifted too.
type loginCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by Forget: a lookup that began before it is not stored
	entries map[cacheKey]cacheEntry
}

var logins = &loginCache{entries: map[cacheKey]cacheEntry{}}

// Forget drops every cached login. Call it after a change to users, sessions, tokens or
// a customer's language has committed: a lookup racing with the change either began
// before Forget (and is not stored) or reads the committed state.
func Forget() {
	logins.mu.Lock()
	logins.gen++
	clear(logins.entries)
	logins.mu.Unlock()
}

// get returns a copy of the cached principal for k valid at now, and the generation a
// lookup starting now must hand to put.
func (c *loginCache) get(k cacheKey, now time.Time) (*Principal, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if ok && !now.Before(e.cachedAt) && now.Sub(e.cachedAt) < CacheTTL && now.Before(e.expires) {
		p := e.p
		return &p, c.gen
	}
	return nil, c.gen
}

// put stores p for k unless Forget ran since the lookup began (gen).
func (c *loginCache) put(k cacheKey, gen uint64, p *Principal, now, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.entries) >= cacheLimit {
		clear(c.entries)
	}
	c.entries[k] = cacheEntry{p: *p, cachedAt: now, expires: expires}
}
