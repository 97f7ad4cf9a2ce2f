package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// receiver is an httptest webhook receiver that verifies signatures and
// answers 503 while down.
type receiver struct {
	t      *testing.T
	secret string
	clock  *fakeClock

	mu       sync.Mutex
	down     bool
	events   map[string]int // event ID -> deliveries received (2xx)
	docs     map[string]bool
	attempts int
	refused  int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts++
	if err := Verify(r.secret, req.Header.Get(HeaderSignature), body, r.clock.Now(), 5*time.Minute); err != nil {
		r.t.Errorf("signature: %v", err)
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		r.t.Errorf("body: %v", err)
	}
	if ev.ID != req.Header.Get(HeaderEventID) || ev.Type != EventMatches || ev.Alert.ID == "" || ev.Alert.Name == "" {
		r.t.Errorf("event %+v, header id %s", ev, req.Header.Get(HeaderEventID))
	}
	if r.down {
		r.refused++
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	r.events[ev.ID]++
	for _, d := range ev.Documents {
		r.docs[d.ID] = true
	}
}

// TestDeliverReceiverDown: a receiver that answers 503 for the first half
// of a run gets every event once it is back, each signed; failed events
// back off (one retry per alert per backoff, not one per pass) and keep
// their event IDs.
func TestDeliverReceiverDown(t *testing.T) {
	clock := newClock()
	st := openStore(t, clock)
	rcv := &receiver{t: t, clock: clock, down: true, events: map[string]int{}, docs: map[string]bool{}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	a, err := st.Create(Alert{Name: "spy", Query: "spyware", Webhook: Webhook{URL: srv.URL + "/hook"}})
	if err != nil {
		t.Fatal(err)
	}
	rcv.secret = a.Webhook.Secret
	m, _ := NewMatcher(st, wordPercolator{}, MatcherOptions{}, nil)
	dl, err := NewDeliverer(st, DelivererOptions{AllowPrivate: true, Now: clock.Now, MinBackoff: time.Minute, MaxBackoff: 10 * time.Minute}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const batches = 20
	var eventIDs []string
	for i := range batches {
		if i == batches/2 {
			rcv.mu.Lock()
			rcv.down = false
			rcv.mu.Unlock()
		}
		if err := m.Committed(context.Background(), batchOf(uint64(i+1), doc(fmt.Sprintf("d%02d", i), "spyware "+fmt.Sprint(i), "cand"))); err != nil {
			t.Fatal(err)
		}
		ms, _ := st.Matches(a.ID, MatchQuery{AfterSeq: uint64(i)})
		eventIDs = append(eventIDs, ms[0].EventID)
		for range 3 { // passes between batches, 20 s apart
			if _, err := dl.Pass(context.Background()); err != nil {
				t.Fatal(err)
			}
			clock.Add(20 * time.Second)
		}
	}
	for pass := 0; st.OutboxDepth() > 0 && pass < 100; pass++ {
		if _, err := dl.Pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		clock.Add(time.Minute)
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	if len(rcv.events) != batches || len(rcv.docs) != batches {
		t.Fatalf("receiver got %d events and %d documents, want %d", len(rcv.events), len(rcv.docs), batches)
	}
	for _, id := range eventIDs {
		if rcv.events[id] != 1 {
			t.Errorf("event %s received %d times", id, rcv.events[id])
		}
	}
	// While down (10 batches, 30 passes, 10 minutes), the head event was
	// retried with backoff: far fewer attempts than passes x events.
	if rcv.refused == 0 || rcv.refused > 12 {
		t.Errorf("%d refused attempts while down; want a few (backoff)", rcv.refused)
	}
	mt := st.Metrics()
	t.Logf("%d attempts refused while down, %d accepted; metrics %+v", rcv.refused, len(rcv.events), mt)
	if mt.Deliveries != batches || mt.Outbox != 0 || mt.Failures != uint64(rcv.refused) || mt.GaveUp != 0 {
		t.Errorf("metrics %+v (refused %d)", mt, rcv.refused)
	}
}

// TestDeliverGivesUp: a receiver down for good gets the delivery retried
// until GiveUpAfter, then it is recorded as given up, not dropped.
func TestDeliverGivesUp(t *testing.T) {
	clock := newClock()
	st := openStore(t, clock)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	defer srv.Close()
	a, _ := st.Create(Alert{Name: "spy", Query: "spyware", Webhook: Webhook{URL: srv.URL}})
	m, _ := NewMatcher(st, wordPercolator{}, MatcherOptions{}, nil)
	if err := m.Committed(context.Background(), batchOf(1, doc("d1", "spyware", ""))); err != nil {
		t.Fatal(err)
	}
	if _, err := NewDeliverer(st, DelivererOptions{GiveUpAfter: time.Hour}, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("a give-up time under 24 h was accepted: %v", err)
	}
	dl, _ := NewDeliverer(st, DelivererOptions{AllowPrivate: true, Now: clock.Now}, nil)
	attempts := 0
	for st.OutboxDepth() > 0 && attempts < 1000 {
		if _, err := dl.Pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		attempts++
		clock.Add(10 * time.Minute)
	}
	dead, _ := st.Dead(10)
	if len(dead) != 1 || dead[0].AlertID != a.ID || dead[0].GaveUp.Sub(dead[0].Created) < MinGiveUpAfter || !strings.Contains(dead[0].LastError, "502") {
		t.Fatalf("dead deliveries %+v", dead)
	}
	if mt := st.Metrics(); mt.GaveUp != 1 || mt.Dead != 1 || mt.Outbox != 0 {
		t.Errorf("metrics %+v", mt)
	}
	t.Logf("given up after %d attempts, %s after the match", dead[0].Attempts, dead[0].GaveUp.Sub(dead[0].Created))
	// Exponential: about 30 s, 1 m, 2 m, ... capped at 1 h, over 48 h.
	if dead[0].Attempts < 48 || dead[0].Attempts > 70 {
		t.Errorf("%d attempts in 48 h", dead[0].Attempts)
	}
}

// TestSSRFGuard: webhooks to loopback, private, link-local, unspecified
// and similar addresses are refused when saved and when connecting
// (a name resolving to one included), unless AllowPrivate.
func TestSSRFGuard(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"https://receiver.example.com/hook", true},
		{"http://93.184.215.14:8080/x?token=1", true},
		{"https://[2606:4700::1111]/", true},
		{"http://127.0.0.1/", false},
		{"http://127.1.2.3:80/", false},
		{"http://10.0.0.5/", false},
		{"http://172.16.3.4/", false},
		{"http://192.168.1.1/", false},
		{"http://169.254.169.254/latest/meta-data", false},
		{"http://[::1]/", false},
		{"http://[fe80::1]/", false},
		{"http://[fc00::1]/", false},
		{"http://[::ffff:127.0.0.1]/", false},
		{"http://0.0.0.0/", false},
		{"http://0/", false},
		{"http://0x7f.1/", false},
		{"http://127.1/", false},
		{"http://2130706433/", false},
		{"http://127.0.0.1./", false},
		{"https://example.com./hook", true},
		{"http://93.184.216.34/hook", true},
		{"HTTPS://example.com/hook", true},
		{"http://100.64.0.1/", false},
		{"http://224.0.0.1/", false},
		{"http://localhost:8080/", false},
		{"http://a.localhost/", false},
		{"ftp://example.com/", false},
		{"http://user:pw@example.com/", false},
		{"http:///nohost", false},
		{"http://example.com:99999/", false},
		{"/relative", false},
		{"http://" + strings.Repeat("a", MaxURLBytes) + ".com/", false},
	} {
		err := CheckURL(c.url, false)
		if (err == nil) != c.ok || err != nil && !errors.Is(err, ErrURLRefused) {
			t.Errorf("CheckURL(%q) = %v, want ok %v", c.url, err, c.ok)
		}
	}
	if err := CheckURL("http://127.0.0.1:8080/", true); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}

	// At connect time: a name that resolves to loopback (localhost.
	// is refused by name; use the test server's address through a name
	// the resolver maps to 127.0.0.1) is refused by the dialer.
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	for _, host := range []string{"127.0.0.1", "[::1]"} {
		d := newDialer(time.Second, false)
		_, err := d.DialContext(context.Background(), "tcp", net.JoinHostPort(strings.Trim(host, "[]"), port))
		if !errors.Is(err, ErrURLRefused) {
			t.Errorf("dial %s: %v, want refused", host, err)
		}
	}
	clock := newClock()
	st := openStore(t, clock) // AllowPrivate store: saves a loopback URL
	a, err := st.Create(Alert{Name: "x", Webhook: Webhook{URL: srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	guarded, _ := NewDeliverer(st, DelivererOptions{Now: clock.Now}, nil)
	if err := guarded.Test(context.Background(), a.ID); !errors.Is(err, ErrURLRefused) {
		t.Errorf("guarded deliverer posted to loopback: %v", err)
	}
	// A host name that resolves to loopback passes CheckURL but not the dialer.
	if addrs, err := net.LookupHost("localhost"); err == nil && len(addrs) > 0 {
		d := newDialer(time.Second, false)
		if _, err := d.DialContext(context.Background(), "tcp", net.JoinHostPort("localhost", port)); !errors.Is(err, ErrURLRefused) {
			t.Errorf("dial localhost: %v, want refused", err)
		}
	}
	open, _ := NewDeliverer(st, DelivererOptions{Now: clock.Now, AllowPrivate: true}, nil)
	if err := open.Test(context.Background(), a.ID); err != nil {
		t.Errorf("AllowPrivate deliverer: %v", err)
	}
}

// TestSignVerify: Verify accepts Sign's header and rejects a changed
// body, another secret, a stale timestamp and malformed headers.
func TestSignVerify(t *testing.T) {
	now := time.Unix(1767600000, 0)
	body := []byte(`{"event_id":"e"}`)
	h := Sign("s3cret", now, body)
	if !strings.HasPrefix(h, "t=1767600000,v1=") {
		t.Fatalf("header %q", h)
	}
	if err := Verify("s3cret", h, body, now, time.Minute); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"body":      Verify("s3cret", h, []byte(`{"event_id":"f"}`), now, time.Minute),
		"secret":    Verify("other", h, body, now, time.Minute),
		"stale":     Verify("s3cret", h, body, now.Add(time.Hour), time.Minute),
		"malformed": Verify("s3cret", "v1=abc", body, now, 0),
		"empty":     Verify("s3cret", "", body, now, 0),
	} {
		if !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzCheckURL: CheckURL never panics, and a URL it accepts is http(s)
// with a host that is not a refused address.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://example.com/x", "http://127.0.0.1/", "http://[::ffff:10.0.0.1]:80/", "http://%31%32%37.0.0.1/", "http://0x7f.1/", "javascript:alert(1)", "http://a@b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckURL(s, false) != nil {
			return
		}
		if l := strings.ToLower(s); !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") { // schemes are case-insensitive
			t.Fatalf("accepted %q", s)
		}
		if CheckURL(s, true) != nil {
			t.Fatalf("%q accepted guarded but not with AllowPrivate", s)
		}
	})
}

// TestDeliverDuplicateSameEventID: a receiver that takes the event but
// answers too late (as after a kill between the POST and its record)
// gets it again, with the same event ID, body and signature over it.
func TestDeliverDuplicateSameEventID(t *testing.T) {
	clock := newClock()
	st := openStore(t, clock)
	var (
		mu     sync.Mutex
		bodies [][]byte
		ids    []string
	)
	var secret string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		if err := Verify(secret, req.Header.Get(HeaderSignature), body, clock.Now(), time.Minute); err != nil {
			t.Errorf("signature: %v", err)
		}
		mu.Lock()
		bodies = append(bodies, body)
		ids = append(ids, req.Header.Get(HeaderEventID))
		first := len(ids) == 1
		mu.Unlock()
		if first {
			time.Sleep(300 * time.Millisecond) // past the deliverer's timeout
		}
	}))
	defer srv.Close()
	a, _ := st.Create(Alert{Name: "spy", Query: "spyware", Webhook: Webhook{URL: srv.URL}})
	secret = a.Webhook.Secret
	m, _ := NewMatcher(st, wordPercolator{}, MatcherOptions{}, nil)
	if err := m.Committed(context.Background(), batchOf(1, doc("d1", "spyware", ""))); err != nil {
		t.Fatal(err)
	}
	dl, _ := NewDeliverer(st, DelivererOptions{AllowPrivate: true, Now: clock.Now, Timeout: 100 * time.Millisecond}, nil)
	for i := 0; st.OutboxDepth() > 0 && i < 10; i++ {
		if _, err := dl.Pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		clock.Add(time.Hour)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(ids) != 2 || ids[0] != ids[1] || string(bodies[0]) != string(bodies[1]) {
		t.Fatalf("deliveries %v: want the same event twice", ids)
	}
	if mt := st.Metrics(); mt.Deliveries != 1 || mt.Failures != 1 || mt.Outbox != 0 {
		t.Errorf("metrics %+v", mt)
	}
}
