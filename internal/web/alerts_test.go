package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/internal/store"
	"github.com/google/go-cmp/cmp"
)

// fakeQueue is an in-memory AlertQueue that keeps delivery state as the
// store does.
type fakeQueue struct {
	mu     sync.Mutex
	alerts []store.Alert
	log    []store.Delivery
}

func (q *fakeQueue) PendingAlerts(_ context.Context, now time.Time, maxAttempts, limit int) ([]store.Alert, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []store.Alert
	for _, a := range q.alerts {
		if a.Delivered.IsZero() && !a.NextTry.After(now) && a.Attempts < maxAttempts && len(out) < limit {
			out = append(out, a)
		}
	}
	return out, nil
}

func (q *fakeQueue) RecordDelivery(_ context.Context, d store.Delivery) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.log = append(q.log, d)
	for i := range q.alerts {
		a := &q.alerts[i]
		if a.ID != d.AlertID {
			continue
		}
		a.Attempts++
		if d.Delivered {
			a.Delivered = d.Time
		} else {
			a.NextTry, a.LastError = d.NextTry, d.Error
		}
	}
	return nil
}

func TestDeliverer_retriesWithBackoff(t *testing.T) {
	var (
		mu       sync.Mutex
		received []alertPayload
		keys     []string
		fail     = 2 // the webhook fails twice, then accepts
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if fail > 0 {
			fail--
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		var p alertPayload
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &p); err != nil {
			t.Errorf("webhook body %s: %v", b, err)
		}
		received = append(received, p)
		keys = append(keys, r.Header.Get("Idempotency-Key"))
	}))
	defer hook.Close()

	start := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	now := start
	q := &fakeQueue{alerts: []store.Alert{{ID: 7, WatchID: 1, WatchName: "spill", Webhook: hook.URL, DocID: "0123456789abcdef",
		Title: "Spill at the quay", NextTry: start}}}
	d := NewDeliverer(DelivererOptions{Queue: q, Backoff: time.Second, MaxBackoff: time.Minute, MaxAttempts: 5,
		BaseURL: "https://dossier.example", Now: func() time.Time { return now }})
	ctx := t.Context()
	// Each round runs at the time the previous one asked for.
	for range 5 {
		if err := d.DeliverPending(ctx); err != nil {
			t.Fatalf("DeliverPending: %v", err)
		}
		now = now.Add(10 * time.Minute)
	}
	var waits []time.Duration
	for _, l := range q.log {
		if !l.Delivered {
			waits = append(waits, l.NextTry.Sub(l.Time))
		}
	}
	if diff := cmp.Diff([]time.Duration{time.Second, 2 * time.Second}, waits); diff != "" {
		t.Errorf("backoff waits mismatch (-want +got):\n%s", diff)
	}
	if len(received) != 1 || keys[0] != "dossier-alert-7" {
		t.Fatalf("webhook received %d alerts (keys %v), want exactly one with its idempotency key", len(received), keys)
	}
	want := alertPayload{Alert: 7, Watch: 1, WatchName: "spill", Document: "0123456789abcdef", Title: nullable("Spill at the quay"),
		URL: "https://dossier.example/documents/0123456789abcdef"}
	if diff := cmp.Diff(want, received[0]); diff != "" {
		t.Errorf("payload mismatch (-want +got):\n%s", diff)
	}
}

func TestDeliverer_givesUp(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	}))
	defer hook.Close()
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	q := &fakeQueue{alerts: []store.Alert{{ID: 1, Webhook: hook.URL, DocID: "ab", NextTry: now}}}
	d := NewDeliverer(DelivererOptions{Queue: q, Backoff: time.Second, MaxBackoff: 4 * time.Second, MaxAttempts: 4, Now: func() time.Time { return now }})
	for range 10 {
		if err := d.DeliverPending(t.Context()); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
	}
	if len(q.log) != 4 || q.alerts[0].LastError != "webhook answered 410 Gone" {
		t.Errorf("attempts = %d, last error %q; want 4 attempts, then none", len(q.log), q.alerts[0].LastError)
	}
	if got := q.log[3].NextTry.Sub(q.log[3].Time); got != 4*time.Second {
		t.Errorf("last backoff = %v, want capped at 4s", got)
	}
}

// TestDeliverer_store runs deliveries against the SQLite store: an alert
// delivered is never sent again, even by a new deliverer (a restart).
func TestDeliverer_store(t *testing.T) {
	var (
		mu sync.Mutex
		n  int
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
	}))
	defer hook.Close()
	st := openStore(t)
	if _, err := st.PutWatch(t.Context(), store.Watch{Kind: store.WatchSearch, Target: "dredging", Webhook: hook.URL}); err != nil {
		t.Fatal(err)
	}
	seed(t, st)
	for range 2 { // two runs, as across a restart
		d := NewDeliverer(DelivererOptions{Queue: st, Now: func() time.Time { return time.Now().Add(time.Second) }})
		if err := d.DeliverPending(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if n != 3 {
		t.Errorf("webhook called %d times, want 3 (one per matching document, once)", n)
	}
}
