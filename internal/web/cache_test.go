package web

import (
	"errors"
	"testing"
	"time"
)

func TestCache(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	c := newCache[int](time.Minute, 2, func() time.Time { return now })
	calls := 0
	compute := func() (int, error) { calls++; return calls, nil }
	get := func(key string) int {
		t.Helper()
		v, err := c.get(key, compute)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if a, b := get("a"), get("a"); a != 1 || b != 1 {
		t.Errorf("get(a) twice = %d, %d; want the first value reused", a, b)
	}
	now = now.Add(2 * time.Minute)
	if a := get("a"); a != 2 {
		t.Errorf("get(a) after the TTL = %d, want recomputed (2)", a)
	}
	get("b")
	get("c") // over max: older entries dropped, the map stays bounded
	if len(c.m) > 2 {
		t.Errorf("cache holds %d entries, want at most 2", len(c.m))
	}
	c.clear()
	if v := get("c"); v != 5 {
		t.Errorf("get(c) after clear = %d, want recomputed (5)", v)
	}
	if _, err := c.get("err", func() (int, error) { return 0, errors.New("boom") }); err == nil {
		t.Error("an error is returned, not cached as a value")
	}
	if _, ok := c.m["err"]; ok {
		t.Error("an error was cached")
	}
}
