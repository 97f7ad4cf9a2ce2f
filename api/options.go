package api

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"time"
)

// DefaultAddr listens on loopback only.
const DefaultAddr = "127.0.0.1:8080"

// Options configure the HTTP server.
type Options struct {
	// Addr is the listen address, host:port. Default 127.0.0.1:8080.
	Addr string
	// SearchTimeout bounds one search. Default 10s.
	SearchTimeout time.Duration
	// ReadHeaderTimeout bounds reading a request's headers. Default 10s.
	ReadHeaderTimeout time.Duration
	// WriteTimeout bounds writing a response. Default 60s.
	WriteTimeout time.Duration
	// ShutdownTimeout is how long in-flight requests get on shutdown. Default 10s.
	ShutdownTimeout time.Duration
	// MaxBodyBytes caps request bodies. Default 1 MiB.
	MaxBodyBytes int64
}

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Addr, "addr", DefaultAddr, "listen address (host:port); loopback by default")
	fs.DurationVar(&o.SearchTimeout, "search-timeout", 10*time.Second, "time limit for one search")
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
	if o.WriteTimeout == 0 {
		o.WriteTimeout = 60 * time.Second
	}
	if o.ShutdownTimeout == 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(o.Addr); err != nil {
		errs = append(errs, fmt.Errorf("api: addr %q: %w", o.Addr, err))
	}
	if o.SearchTimeout <= 0 || o.ReadHeaderTimeout <= 0 || o.WriteTimeout <= 0 || o.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("api: timeouts must be positive"))
	}
	if o.MaxBodyBytes < 1 {
		errs = append(errs, errors.New("api: max body bytes must be positive"))
	}
	return errors.Join(errs...)
}
