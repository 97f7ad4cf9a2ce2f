package api

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"runtime"
	"strings"
	"time"
)

// DefaultAddr listens on loopback only.
const DefaultAddr = "127.0.0.1:8080"

// ErrOpenOnNetwork is returned when the server would listen on a
// non-loopback address with no keys file and without InsecureOpen.
var ErrOpenOnNetwork = errors.New("api: refusing to serve an open API (no --keys) on a non-loopback address; pass --insecure-open to do it anyway")

// Options configure the HTTP server.
type Options struct {
	// Addr is the listen address, host:port. Default 127.0.0.1:8080.
	Addr string
	// SearchTimeout bounds one search. Default 10s.
	SearchTimeout time.Duration
	// ReadHeaderTimeout bounds reading a request's headers. Default 10s.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a whole request, body included. Default 5m
	// (a MaxUploadBytes upload at about 350 KB/s).
	ReadTimeout time.Duration
	// BodyReadTimeout bounds reading the body of a request on every route
	// but uploads, from the moment its handler starts. Default 10s. The
	// body is read whole before a search slot is taken, so a client that
	// sends it slowly holds only its own connection.
	BodyReadTimeout time.Duration
	// WriteTimeout bounds a request from the end of its headers to the end
	// of its response. Default 60s.
	WriteTimeout time.Duration
	// IdleTimeout closes idle keep-alive connections. Default 2m.
	IdleTimeout time.Duration
	// ShutdownTimeout is how long in-flight requests get on shutdown. Default 10s.
	ShutdownTimeout time.Duration
	// SourceRoots are the folders the server indexes (serve's --ingest and
	// --watch paths). A document's absolute source path is shown relative to
	// the root that holds it, or as its file name, to every caller but one
	// with the admin scope (or any caller when there is no keys file).
	SourceRoots []string
	// MaxBodyBytes caps request bodies on every route but uploads. Default 1 MiB.
	MaxBodyBytes int64
	// MaxUploadBytes caps request bodies on ingest routes. Default 100 MiB.
	MaxUploadBytes int64

	// KeysFile is the API keys file (see package api/keys). Empty: no keys,
	// every route is open, which is allowed only on a loopback address
	// unless InsecureOpen.
	KeysFile string
	// InsecureOpen allows serving with no keys on a non-loopback address.
	InsecureOpen bool
	// TrustedProxies are CIDRs whose X-Forwarded-For is believed when
	// telling client addresses apart. Empty: the TCP peer is the client.
	TrustedProxies []string

	// RatePerIP is the sustained requests per second allowed from one
	// client address (IPv6 by /64) on non-public routes. Default 20; a
	// negative value disables the limit.
	RatePerIP float64
	// BurstPerIP is how many requests one address may make at once. Default 40.
	BurstPerIP int
	// RatePerKey is the sustained requests per second allowed for one API
	// key. Default 20; a negative value disables the limit.
	RatePerKey float64
	// BurstPerKey is how many requests one key may make at once. Default 40.
	BurstPerKey int
	// MaxConcurrentSearches bounds searches running at once. Searches are
	// CPU-bound, so more than one per CPU only adds latency and memory.
	// Default: one per CPU.
	MaxConcurrentSearches int
	// SearchQueue is how many more searches may wait for a running one to
	// end; beyond it a search gets 503 "overloaded" with Retry-After at
	// once. Default 64; negative: none wait.
	SearchQueue int
	// SearchQueueWait is the longest a search waits for a slot before the
	// 503. Default 5 s.
	SearchQueueWait time.Duration

	// Web says the web interface (package api/web) is served at / beside
	// the API. api itself serves no page: the caller that builds the
	// server (dossier serve) mounts api/web when it is set. The flag
	// --web defaults to true; the zero Options leave it off.
	Web bool

	// Ingest is the ingest side of the index: uploads, deletes, the
	// failures list and documents' original files go to it, searches and
	// reads to the Backend given to New. nil: those routes answer 501 (a
	// read-only server). Not a flag, not JSON.
	Ingest IngestBackend `json:"-"`

	// Alerts is the saved-search alerts store (package index/alert's
	// Store): the /v1/alerts routes, the feeds and following cases go to
	// it. nil: those routes answer 501 alerts_disabled. Not a flag, not
	// JSON.
	Alerts AlertStore `json:"-"`
}

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Addr, "addr", DefaultAddr, "listen address (host:port); loopback by default")
	fs.DurationVar(&o.SearchTimeout, "search-timeout", 10*time.Second, "time limit for one search")
	fs.StringVar(&o.KeysFile, "keys", "", "API keys file (default $DOSSIER_KEYS); without one every route is open and only loopback addresses are allowed")
	fs.BoolVar(&o.InsecureOpen, "insecure-open", false, "allow serving with no keys file on a non-loopback address")
	fs.Func("trusted-proxies", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted (repeatable)", func(s string) error {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				o.TrustedProxies = append(o.TrustedProxies, p)
			}
		}
		return nil
	})
	fs.Int64Var(&o.MaxUploadBytes, "max-upload-bytes", 100<<20, "largest upload request body, bytes")
	fs.DurationVar(&o.BodyReadTimeout, "body-read-timeout", 10*time.Second, "time to send a request body on every route but uploads, then 408")
	fs.Float64Var(&o.RatePerIP, "rate-per-ip", 20, "requests per second per client address (negative: no limit)")
	fs.IntVar(&o.BurstPerIP, "burst-per-ip", 40, "burst of requests per client address")
	fs.Float64Var(&o.RatePerKey, "rate-per-key", 20, "requests per second per API key (negative: no limit)")
	fs.IntVar(&o.BurstPerKey, "burst-per-key", 40, "burst of requests per API key")
	fs.BoolVar(&o.Web, "web", true, "serve the web interface (search, document and case pages) at /; --web=false serves the JSON API alone")
	fs.IntVar(&o.MaxConcurrentSearches, "max-searches", runtime.GOMAXPROCS(0), "searches running at once; more wait in the search queue")
	fs.IntVar(&o.SearchQueue, "search-queue", defaultSearchQueue, "searches that may wait for a running one to end; more get 503 overloaded at once (negative: none wait)")
	fs.DurationVar(&o.SearchQueueWait, "search-queue-wait", defaultSearchQueueWait, "longest a search waits in the queue before 503 overloaded")
}

// SetDefaults fills zero fields.
func (o *Options) SetDefaults() {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.SearchTimeout == 0 {
		o.SearchTimeout = 10 * time.Second
	}
	if o.ReadHeaderTimeout == 0 {
		o.ReadHeaderTimeout = 10 * time.Second
	}
	if o.ReadTimeout == 0 {
		o.ReadTimeout = 5 * time.Minute
	}
	if o.BodyReadTimeout == 0 {
		o.BodyReadTimeout = 10 * time.Second
	}
	if o.WriteTimeout == 0 {
		o.WriteTimeout = 60 * time.Second
	}
	if o.IdleTimeout == 0 {
		o.IdleTimeout = 2 * time.Minute
	}
	if o.ShutdownTimeout == 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.MaxUploadBytes == 0 {
		o.MaxUploadBytes = 100 << 20
	}
	if o.RatePerIP == 0 {
		o.RatePerIP = 20
	}
	if o.BurstPerIP == 0 {
		o.BurstPerIP = 40
	}
	if o.RatePerKey == 0 {
		o.RatePerKey = 20
	}
	if o.BurstPerKey == 0 {
		o.BurstPerKey = 40
	}
	if o.SearchQueue == 0 {
		o.SearchQueue = defaultSearchQueue
	}
	if o.SearchQueueWait == 0 {
		o.SearchQueueWait = defaultSearchQueueWait
	}
	if o.MaxConcurrentSearches == 0 {
		o.MaxConcurrentSearches = runtime.GOMAXPROCS(0)
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		errs = append(errs, fmt.Errorf("api: addr %q: %w", o.Addr, err))
	} else if o.KeysFile == "" && !o.InsecureOpen && !isLoopbackHost(host) {
		errs = append(errs, fmt.Errorf("%w (addr %s)", ErrOpenOnNetwork, o.Addr))
	}
	if o.SearchTimeout <= 0 || o.ReadHeaderTimeout <= 0 || o.ReadTimeout <= 0 || o.BodyReadTimeout <= 0 || o.WriteTimeout <= 0 ||
		o.IdleTimeout <= 0 || o.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("api: timeouts must be positive"))
	}
	if o.MaxBodyBytes < 1 || o.MaxUploadBytes < 1 {
		errs = append(errs, errors.New("api: max body and upload bytes must be positive"))
	}
	if o.BurstPerIP < 1 || o.BurstPerKey < 1 {
		errs = append(errs, errors.New("api: bursts must be 1 or more"))
	}
	if o.SearchQueueWait < 0 {
		errs = append(errs, errors.New("api: search queue wait must not be negative"))
	}
	if o.MaxConcurrentSearches < 1 {
		errs = append(errs, errors.New("api: max concurrent searches must be 1 or more"))
	}
	if _, err := parseCIDRs(o.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// isLoopbackHost reports whether host names only the loopback interface.
// An empty host or an unspecified address (0.0.0.0, ::) listens on every
// interface and is not loopback.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseCIDRs parses trusted proxy ranges; a bare address is one host.
func parseCIDRs(list []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, s := range list {
		if !strings.Contains(s, "/") {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("api: trusted proxy %q is not an address or CIDR", s)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("api: trusted proxy %q: %w", s, err)
		}
		out = append(out, n)
	}
	return out, nil
}
