package alert

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Webhook headers. A receiver verifies a delivery with Verify, or by
// hand: HMAC-SHA256, keyed with the alert's secret, of the timestamp, a
// dot and the raw body, compared with the hex of v1 in constant time;
// and it drops a timestamp far from its clock (replays) and an event ID
// it has seen (a delivery is retried until acknowledged, so it may come
// twice, always with the same event ID).
const (
	// HeaderSignature is "t=UNIX_SECONDS,v1=HEX_HMAC_SHA256".
	HeaderSignature = "Dossier-Signature"
	// HeaderEventID is the event's ID, as in the body's event_id.
	HeaderEventID = "Dossier-Event-Id"
	// HeaderAttempt is the attempt number, 1 for the first.
	HeaderAttempt = "Dossier-Delivery-Attempt"
)

// Event types.
const (
	EventMatches = "alert.matches" // new documents match the alert
	EventTest    = "alert.test"    // Deliverer.Test: no documents
)

// Event is the JSON body of a delivery.
type Event struct {
	ID        string       `json:"event_id"`
	Type      string       `json:"type"`
	Created   time.Time    `json:"created"` // when the matches were recorded
	Alert     EventAlert   `json:"alert"`
	Documents []MatchedDoc `json:"documents"`
}

// EventAlert names the alert of an event.
type EventAlert struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Sign returns the HeaderSignature value for body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + signature(secret, ts, body)
}

// signature is hex HMAC-SHA256(secret, ts + "." + body).
func signature(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// ErrBadSignature means a delivery's signature does not verify.
var ErrBadSignature = errors.New("alert: bad signature")

// Verify checks header (a HeaderSignature value) against body and
// secret, and that its timestamp is within tolerance of now (0: not
// checked). Errors wrap ErrBadSignature.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts, sig string
	for part := range strings.SplitSeq(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return fmt.Errorf("%w: malformed header", ErrBadSignature)
	}
	if tolerance > 0 {
		if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
			return fmt.Errorf("%w: timestamp outside tolerance", ErrBadSignature)
		}
	}
	if !hmac.Equal([]byte(sig), []byte(signature(secret, ts, body))) {
		return fmt.Errorf("%w: mismatch", ErrBadSignature)
	}
	return nil
}

// MinGiveUpAfter is the least DelivererOptions.GiveUpAfter: a delivery
// is retried for at least a day.
const MinGiveUpAfter = 24 * time.Hour

// DelivererOptions configure a Deliverer. Zero values are replaced by
// SetDefaults.
type DelivererOptions struct {
	// AllowPrivate lets deliveries connect to loopback, private and
	// link-local addresses (tests; a receiver on the same host). Default
	// false: such connections are refused after DNS, at connect time.
	AllowPrivate bool
	// Timeout bounds one POST, connection included. Default 10s.
	Timeout time.Duration
	// MinBackoff is the wait after a first failure; each further failure
	// doubles it, up to MaxBackoff, with up to 20% taken off at random
	// (jitter). Defaults 30s and 1h.
	MinBackoff, MaxBackoff time.Duration
	// GiveUpAfter is how long after its matches were recorded a delivery
	// that keeps failing is given up (moved to the dead deliveries,
	// counted, logged). Default 48h; at least MinGiveUpAfter.
	GiveUpAfter time.Duration
	// Poll is how often Run looks at the outbox. Default 2s.
	Poll time.Duration
	// PassSize is how many waiting deliveries one pass reads. Default 200.
	PassSize int
	// MaxResponseBytes of a receiver's answer are read, the rest dropped.
	// Default 4096.
	MaxResponseBytes int64
	// Now is the clock; default time.Now. Tests set it.
	Now func() time.Time
	// Transport, when set, replaces the guarded transport (tests that
	// inject failures). It bypasses the address check: never set it in
	// production.
	Transport http.RoundTripper
}

// SetDefaults fills zero fields.
func (o *DelivererOptions) SetDefaults() {
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MinBackoff == 0 {
		o.MinBackoff = 30 * time.Second
	}
	if o.MaxBackoff == 0 {
		o.MaxBackoff = time.Hour
	}
	if o.GiveUpAfter == 0 {
		o.GiveUpAfter = 48 * time.Hour
	}
	if o.Poll == 0 {
		o.Poll = 2 * time.Second
	}
	if o.PassSize == 0 {
		o.PassSize = 200
	}
	if o.MaxResponseBytes == 0 {
		o.MaxResponseBytes = 4096
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Validate reports every invalid option.
func (o DelivererOptions) Validate() error {
	var errs []error
	if o.Timeout <= 0 || o.MinBackoff <= 0 || o.Poll <= 0 {
		errs = append(errs, fmt.Errorf("%w: timeout, backoff and poll must be positive", ErrInvalid))
	}
	if o.MaxBackoff < o.MinBackoff {
		errs = append(errs, fmt.Errorf("%w: max backoff %s is below min backoff %s", ErrInvalid, o.MaxBackoff, o.MinBackoff))
	}
	if o.GiveUpAfter < MinGiveUpAfter {
		errs = append(errs, fmt.Errorf("%w: give-up time %s is below %s", ErrInvalid, o.GiveUpAfter, MinGiveUpAfter))
	}
	if o.PassSize < 1 || o.MaxResponseBytes < 0 {
		errs = append(errs, fmt.Errorf("%w: pass size must be positive", ErrInvalid))
	}
	return errors.Join(errs...)
}

// Deliverer POSTs the outbox's deliveries to their alerts' webhooks,
// signed, and retries the failures with exponential backoff. Run it in
// the server; one per store.
type Deliverer struct {
	store  *Store
	opts   DelivererOptions
	client *http.Client
	logger *slog.Logger
}

// NewDeliverer returns a Deliverer for st. logger may be nil for silence.
func NewDeliverer(st *Store, opts DelivererOptions, logger *slog.Logger) (*Deliverer, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	tr := opts.Transport
	if tr == nil {
		dialer := newDialer(opts.Timeout, opts.AllowPrivate)
		tr = &http.Transport{
			Proxy:                 nil, // a proxy would be the address checked
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   opts.Timeout,
			ResponseHeaderTimeout: opts.Timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
		}
	}
	client := &http.Client{
		Transport: tr,
		Timeout:   opts.Timeout,
		// A redirect is a failure: following it would send the signed
		// body somewhere the alert does not name.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Deliverer{store: st, opts: opts, client: client, logger: logger}, nil
}

// Run delivers until ctx ends, a pass every Poll; it returns ctx's error.
// Start it with the server and cancel ctx on shutdown: a delivery cut
// short is retried later (at least once).
func (d *Deliverer) Run(ctx context.Context) error {
	t := time.NewTicker(d.opts.Poll)
	defer t.Stop()
	for {
		if _, err := d.Pass(ctx); err != nil && ctx.Err() == nil {
			d.logger.Error("alert deliveries", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Pass makes one delivery attempt for each waiting delivery that is due,
// oldest first, and returns how many receivers accepted. The deliveries
// of one alert go in order: after one that is not due or fails, the
// alert's later ones wait for the next pass.
func (d *Deliverer) Pass(ctx context.Context) (int, error) {
	items, err := d.store.outbox(d.opts.PassSize)
	if err != nil {
		return 0, err
	}
	blocked := map[string]bool{}
	alerts := map[string]*Alert{}
	ok := 0
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return ok, err
		}
		if blocked[it.AlertID] {
			continue
		}
		now := d.opts.Now()
		if it.NextAttempt.After(now) {
			blocked[it.AlertID] = true
			continue
		}
		a := alerts[it.AlertID]
		if a == nil {
			got, err := d.store.Get(it.AlertID)
			if errors.Is(err, ErrNotFound) {
				continue // deleted; Delete drops its deliveries
			}
			if err != nil {
				return ok, err
			}
			a = &got
			alerts[it.AlertID] = a
		}
		var sendErr error
		if a.Webhook.URL == "" {
			sendErr = errNoWebhook
		} else {
			sendErr = d.send(ctx, a, Event{ID: it.EventID, Type: EventMatches, Created: it.Created,
				Alert: EventAlert{ID: a.ID, Name: a.Name}, Documents: it.Docs}, it.Attempts+1)
		}
		if sendErr == nil {
			if err := d.store.delivered(it.Seq); err != nil {
				return ok, err
			}
			ok++
			continue
		}
		blocked[it.AlertID] = true
		now = d.opts.Now()
		it.Attempts++
		it.LastError = sendErr.Error()
		giveUp := errors.Is(sendErr, errNoWebhook) || now.Sub(it.Created) >= d.opts.GiveUpAfter
		it.NextAttempt = now.Add(d.backoff(it.Attempts))
		if err := d.store.retry(it, giveUp, now); err != nil {
			return ok, err
		}
		if giveUp {
			d.logger.Error("alert delivery given up", "alert", it.AlertID, "event", it.EventID, "attempts", it.Attempts, "err", sendErr)
		} else {
			d.logger.Warn("alert delivery failed", "alert", it.AlertID, "event", it.EventID, "attempts", it.Attempts, "retry_at", it.NextAttempt, "err", sendErr)
		}
	}
	return ok, nil
}

// backoff is the wait after the attempts-th failure.
func (d *Deliverer) backoff(attempts int) time.Duration {
	b := d.opts.MinBackoff
	for i := 1; i < attempts && b < d.opts.MaxBackoff; i++ {
		b *= 2
	}
	b = min(b, d.opts.MaxBackoff)
	return b - time.Duration(rand.Float64()*0.2*float64(b))
}

// Test sends a test event (EventTest, no documents) to the alert's
// webhook now, outside the outbox, and returns the receiver's error.
func (d *Deliverer) Test(ctx context.Context, alertID string) error {
	a, err := d.store.Get(alertID)
	if err != nil {
		return err
	}
	if a.Webhook.URL == "" {
		return fmt.Errorf("%w: alert %s has no webhook", ErrInvalid, alertID)
	}
	now := d.opts.Now().UTC()
	ev := Event{ID: hashHex("test", a.ID, now.Format(time.RFC3339Nano)), Type: EventTest, Created: now,
		Alert: EventAlert{ID: a.ID, Name: a.Name}, Documents: []MatchedDoc{}}
	return d.send(ctx, &a, ev, 1)
}

// send POSTs ev, signed, to a's webhook; any answer but 2xx is an error.
func (d *Deliverer) send(ctx context.Context, a *Alert, ev Event, attempt int) error {
	if ev.Documents == nil {
		ev.Documents = []MatchedDoc{}
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("alert: encode event: %w", err)
	}
	if err := CheckURL(a.Webhook.URL, d.opts.AllowPrivate); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.Webhook.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("alert: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "dossier-alerts/1")
	req.Header.Set(HeaderEventID, ev.ID)
	req.Header.Set(HeaderAttempt, strconv.Itoa(attempt))
	req.Header.Set(HeaderSignature, Sign(a.Webhook.Secret, d.opts.Now(), body))
	resp, err := d.client.Do(req)
	if err != nil {
		// The URL may carry a receiver's token: keep it out of the
		// error, which is logged and stored.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("alert: post: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, d.opts.MaxResponseBytes))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("alert: receiver answered %s", resp.Status)
	}
	return nil
}
