package web

import (
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// cache keeps recent results of costly reads (facet counts, entity
// reports) for a short time, at most max of them: counts over tens of
// thousands of documents are then computed once however many clients ask,
// and may lag behind new documents by the TTL. Concurrent misses of one key
// are computed once.
type cache[V any] struct {
	ttl   time.Duration
	max   int
	now   func() time.Time
	group singleflight.Group

	mu sync.Mutex
	m  map[string]cached[V]
}

type cached[V any] struct {
	v       V
	expires time.Time
}

func newCache[V any](ttl time.Duration, max int, now func() time.Time) *cache[V] {
	return &cache[V]{ttl: ttl, max: max, now: now, m: map[string]cached[V]{}}
}

// get returns the cached value of key, or computes, caches and returns it.
func (c *cache[V]) get(key string, compute func() (V, error)) (V, error) {
	if c.ttl <= 0 {
		return compute()
	}
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	if ok && c.now().Before(e.expires) {
		return e.v, nil
	}
	v, err, _ := c.group.Do(key, func() (any, error) {
		v, err := compute()
		if err != nil {
			return v, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if len(c.m) >= c.max {
			now := c.now()
			for k, e := range c.m {
				if !now.Before(e.expires) || len(c.m) >= c.max {
					delete(c.m, k)
				}
			}
		}
		c.m[key] = cached[V]{v, c.now().Add(c.ttl)}
		return v, nil
	})
	if err != nil {
		var zero V
		return zero, err
	}
	return v.(V), nil
}

// clear forgets every cached value (after an entity edit, which renames).
func (c *cache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.m)
}
