package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/dossier-news/dossier/internal/store"
)

// AlertQueue is what the [Deliverer] needs of the store.
type AlertQueue interface {
	PendingAlerts(ctx context.Context, now time.Time, maxAttempts, limit int) ([]store.Alert, error)
	RecordDelivery(ctx context.Context, d store.Delivery) error
}

// DelivererOptions configures a [Deliverer]. A zero field means its
// documented default.
type DelivererOptions struct {
	Queue AlertQueue
	// Client sends the webhooks. Default: a client with a 10s timeout.
	Client *http.Client
	// Every is how often pending alerts are looked for. Default 2s.
	Every time.Duration
	// Backoff is the wait after a first failure; it doubles with each
	// failure, up to MaxBackoff. Defaults 5s and 1h.
	Backoff, MaxBackoff time.Duration
	// MaxAttempts is how many times a delivery is tried. Default 10.
	MaxAttempts int
	// BaseURL, if set, makes the links in the payload absolute.
	BaseURL string
	Logger  *slog.Logger
	Now     func() time.Time
	metrics *metrics
}

// Deliverer POSTs alerts to their watch's webhook, retrying with
// exponential backoff. Delivery state is kept in the store: an alert whose
// webhook answered 2xx is never sent again, and a restart picks up where
// the last run stopped. A crash between a webhook's answer and its record
// may send that one alert twice; the Idempotency-Key header lets the
// receiver tell.
type Deliverer struct {
	opts DelivererOptions
}

// NewDeliverer returns a deliverer with opts' defaults filled in.
func NewDeliverer(opts DelivererOptions) *Deliverer {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if opts.Every <= 0 {
		opts.Every = 2 * time.Second
	}
	if opts.Backoff <= 0 {
		opts.Backoff = 5 * time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = time.Hour
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 10
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Deliverer{opts: opts}
}

// Deliverer returns a deliverer whose deliveries are counted in the
// server's metrics.
func (s *Server) Deliverer(opts DelivererOptions) *Deliverer {
	opts.metrics = s.metrics
	return NewDeliverer(opts)
}

// Run delivers pending alerts until ctx is done.
func (d *Deliverer) Run(ctx context.Context) error {
	t := time.NewTicker(d.opts.Every)
	defer t.Stop()
	for {
		if err := d.DeliverPending(ctx); err != nil && ctx.Err() == nil {
			d.opts.Logger.Error("deliver alerts", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// alertPayload is the JSON body POSTed to a webhook.
type alertPayload struct {
	Alert     int64   `json:"alert"`
	Watch     int64   `json:"watch"`
	WatchName string  `json:"watch_name"`
	Document  string  `json:"document"`
	Title     *string `json:"title"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
	URL       string  `json:"url"`
	Created   *string `json:"created"`
}

// DeliverPending tries each alert that is due once. It returns the first
// store error; webhook failures are recorded on the alerts.
func (d *Deliverer) DeliverPending(ctx context.Context) error {
	for {
		as, err := d.opts.Queue.PendingAlerts(ctx, d.opts.Now(), d.opts.MaxAttempts, 20)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return nil
		}
		for _, a := range as {
			rec := store.Delivery{AlertID: a.ID, Time: d.opts.Now()}
			if err := d.post(ctx, a); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				wait := d.opts.Backoff << min(a.Attempts, 30)
				if wait <= 0 || wait > d.opts.MaxBackoff {
					wait = d.opts.MaxBackoff
				}
				rec.Error, rec.NextTry = err.Error(), d.opts.Now().Add(wait)
				d.opts.Logger.Warn("webhook failed", "alert", a.ID, "watch", a.WatchID, "attempt", a.Attempts+1, "retry_in", wait, "err", err)
				d.count("failed")
			} else {
				rec.Delivered = true
				d.count("delivered")
			}
			if err := d.opts.Queue.RecordDelivery(ctx, rec); err != nil {
				return err
			}
		}
		if len(as) < 20 {
			return nil
		}
	}
}

func (d *Deliverer) count(result string) {
	if d.opts.metrics != nil {
		d.opts.metrics.deliveries.WithLabelValues(result).Inc()
	}
}

func (d *Deliverer) post(ctx context.Context, a store.Alert) error {
	body, err := json.Marshal(alertPayload{Alert: a.ID, Watch: a.WatchID, WatchName: a.WatchName, Document: a.DocID,
		Title: nullable(a.Title), Outlet: nullable(a.Outlet), Published: date(a.Published),
		URL: d.opts.BaseURL + "/documents/" + a.DocID, Created: stamp(a.Created)})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.Webhook, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w", a.Webhook, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dossier-alerts")
	req.Header.Set("Idempotency-Key", "dossier-alert-"+strconv.FormatInt(a.ID, 10))
	resp, err := d.opts.Client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook answered %s", resp.Status)
	}
	return nil
}
