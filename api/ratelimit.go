package api

import (
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rate limiter bookkeeping.
const (
	// maxLimiters bounds the limiters kept at once (one per address or
	// key); beyond it, new callers share one overflow limiter.
	maxLimiters = 100_000
	// limiterIdle is how long an unused limiter is kept. It is longer than
	// any burst takes to refill at the minimum useful rate.
	limiterIdle = 3 * time.Minute
)

// limiterStore holds one token bucket per caller (address or key).
type limiterStore struct {
	limit rate.Limit
	burst int

	mu        sync.Mutex
	buckets   map[string]*bucket
	overflow  *rate.Limiter
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// newLimiterStore returns a store allowing perSecond requests a second with
// bursts of burst; nil when perSecond < 0 (no limit).
func newLimiterStore(perSecond float64, burst int) *limiterStore {
	if perSecond < 0 {
		return nil
	}
	return &limiterStore{
		limit: rate.Limit(perSecond), burst: burst,
		buckets:  map[string]*bucket{},
		overflow: rate.NewLimiter(rate.Limit(perSecond), burst),
	}
}

// allow takes a token for caller at now. When none is left it returns
// false and how long until one is.
func (l *limiterStore) allow(caller string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	if now.Sub(l.lastSweep) > time.Minute {
		l.sweep(now)
	}
	b, ok := l.buckets[caller]
	var lim *rate.Limiter
	switch {
	case ok:
		b.seen = now
		lim = b.lim
	case len(l.buckets) >= maxLimiters:
		lim = l.overflow
	default:
		lim = rate.NewLimiter(l.limit, l.burst)
		l.buckets[caller] = &bucket{lim: lim, seen: now}
	}
	l.mu.Unlock()
	r := lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep drops buckets idle for limiterIdle. l.mu is held.
func (l *limiterStore) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) > limiterIdle {
			delete(l.buckets, k)
		}
	}
}

// size is the number of buckets kept, for tests.
func (l *limiterStore) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// clientKey is the rate-limit identity of a client address: the address
// itself for IPv4, its /64 network for IPv6 (one subscriber usually holds a
// whole /64, so counting single IPv6 addresses would be no limit at all).
func clientKey(ip string) string {
	a := net.ParseIP(ip)
	if a == nil {
		return "ip:" + ip
	}
	if a.To4() != nil {
		return "ip:" + a.To4().String()
	}
	return "ip6:" + a.Mask(net.CIDRMask(64, 128)).String()
}
