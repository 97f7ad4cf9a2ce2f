package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"dossier/index"
)

// maxLabelValues bounds the distinct values of a free-form label (ingest
// outcomes and failure reasons); later values are counted as "other".
const maxLabelValues = 32

// Metrics holds a server's Prometheus metrics, in a registry of its own
// (never the global one). Its exported methods are the hooks ingest code
// calls; they are safe for concurrent use and do nothing on a nil
// *Metrics. Label values must come from small fixed sets (an outcome or a
// failure category, never a file name or an error message): past
// maxLabelValues distinct values they are counted as "other".
type Metrics struct {
	reg *prometheus.Registry

	requests         *prometheus.CounterVec   // route, method, code
	latency          *prometheus.HistogramVec // route, method, code; seconds
	searchLatency    prometheus.Histogram     // seconds, search routes only
	searchesInFlight prometheus.Gauge
	searchesQueued   prometheus.GaugeFunc
	rejected         *prometheus.CounterVec // reason
	ingestFiles      *prometheus.CounterVec // outcome
	ingestFailures   *prometheus.CounterVec // reason
	keysInvalid      prometheus.Gauge       // 1 while the keys file cannot be reloaded

	labelsMu sync.Mutex
	labels   map[*prometheus.CounterVec]map[string]bool
}

// newMetrics registers the server's metrics; stats feeds the index gauges
// and queued the count of searches waiting for a slot.
func newMetrics(stats StatsSource, ready func() bool, queued func() int64) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), labels: map[*prometheus.CounterVec]map[string]bool{}}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "dossier_http_request_duration_seconds", Help: "HTTP request latency in seconds, by route pattern, method and status code.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "method", "code"})
	m.searchLatency = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "dossier_search_duration_seconds", Help: "Time spent in search handlers (search, export, batch) in seconds.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	})
	m.searchesInFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "dossier_searches_in_flight", Help: "Searches running now.",
	})
	m.searchesQueued = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "dossier_searches_queued", Help: "Searches waiting for a search slot.",
	}, func() float64 { return float64(queued()) })
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_http_rejected_total",
		Help: "Requests refused before their handler: header_too_large, unauthorized, forbidden, rate_limited_ip, rate_limited_key, overloaded, body_timeout.",
	}, []string{"reason"})
	m.ingestFiles = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_ingest_files_total", Help: "Files through ingest, by outcome (indexed, unchanged, failed, ignored).",
	}, []string{"outcome"})
	m.ingestFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_ingest_failures_total", Help: "Files that failed ingest, by reason category.",
	}, []string{"reason"})
	m.keysInvalid = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "dossier_keys_file_invalid",
		Help: "1 while the keys file is missing or invalid and the last good keys stay in force; 0 otherwise.",
	})
	m.reg.MustRegister(m.requests, m.latency, m.searchLatency, m.searchesInFlight, m.searchesQueued, m.rejected,
		m.ingestFiles, m.ingestFailures, m.keysInvalid,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&indexCollector{stats: stats, ready: ready})
	return m
}

// IngestFile counts one file through ingest with its outcome, e.g.
// "indexed", "unchanged", "failed" or "ignored".
func (m *Metrics) IngestFile(outcome string) {
	if m == nil {
		return
	}
	m.ingestFiles.WithLabelValues(m.bounded(m.ingestFiles, outcome)).Inc()
}

// IngestFailure counts one failed file by reason category, e.g.
// "too_large", "timeout", "encrypted", "corrupt", "worker_crash".
func (m *Metrics) IngestFailure(reason string) {
	if m == nil {
		return
	}
	m.ingestFailures.WithLabelValues(m.bounded(m.ingestFailures, reason)).Inc()
}

// IngestResult counts one file's ingest result: its outcome, and for a
// failure its reason category (see FailureCategory). Upload handlers call
// it once per file.
func (m *Metrics) IngestResult(r index.FileResult) {
	if m == nil {
		return
	}
	m.IngestFile(string(r.Outcome))
	if r.Outcome == index.OutcomeFailed {
		m.IngestFailure(FailureCategory(r.Reason))
	}
}

// IngestSummary counts a whole ingest run (as from --ingest at startup):
// every outcome, and every failure by reason category.
func (m *Metrics) IngestSummary(sum index.IngestSummary) {
	if m == nil {
		return
	}
	for outcome, n := range map[index.Outcome]int{
		index.OutcomeIndexed: sum.Indexed, index.OutcomeUnchanged: sum.Unchanged, index.OutcomeDuplicate: sum.Duplicate,
		index.OutcomeIgnored: sum.Ignored, index.OutcomePruned: sum.Pruned,
	} {
		if n > 0 {
			m.ingestFiles.WithLabelValues(m.bounded(m.ingestFiles, string(outcome))).Add(float64(n))
		}
	}
	for _, f := range sum.Failures {
		m.IngestResult(f)
	}
	if extra := sum.Failed - len(sum.Failures); extra > 0 {
		m.ingestFiles.WithLabelValues(m.bounded(m.ingestFiles, string(index.OutcomeFailed))).Add(float64(extra))
	}
}

// FailureCategory maps a free-text failure reason to a small fixed set of
// label values: too_large, timeout, encrypted, worker, corrupt, no_text,
// unreadable or other.
func FailureCategory(reason string) string {
	r := strings.ToLower(reason)
	for _, c := range []struct{ label, words string }{
		{"too_large", "too large|larger than|exceeds|size limit|too many pages"},
		{"timeout", "timeout|timed out|deadline"},
		{"encrypted", "encrypt|password"},
		{"worker", "worker|crash|killed|signal"},
		{"corrupt", "corrupt|malformed|invalid|parse|syntax|truncated|eof"},
		{"no_text", "no text|empty"},
		{"unreadable", "permission|no such file|read "},
	} {
		for _, w := range strings.Split(c.words, "|") {
			if strings.Contains(r, w) {
				return c.label
			}
		}
	}
	return "other"
}

// WorkerStats counts extraction worker processes replaced, by reason.
type WorkerStats struct {
	Recycled   int64 // after their quota of documents
	Crashed    int64 // died during a document
	TimedOut   int64 // killed for taking too long
	OverMemory int64 // killed for exceeding the memory cap
}

// WatchWorkers exports stats, read at each scrape, as
// dossier_ingest_worker_restarts_total{reason}.
func (m *Metrics) WatchWorkers(stats func() WorkerStats) error {
	if m == nil {
		return nil
	}
	for reason, pick := range map[string]func(WorkerStats) int64{
		"recycled": func(w WorkerStats) int64 { return w.Recycled },
		"crashed":  func(w WorkerStats) int64 { return w.Crashed },
		"timeout":  func(w WorkerStats) int64 { return w.TimedOut },
		"memory":   func(w WorkerStats) int64 { return w.OverMemory },
	} {
		c := prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "dossier_ingest_worker_restarts_total",
			Help:        "Extraction worker processes replaced, by reason.",
			ConstLabels: prometheus.Labels{"reason": reason},
		}, func() float64 { return float64(pick(stats())) })
		if err := m.reg.Register(c); err != nil {
			return fmt.Errorf("api: metrics: %w", err)
		}
	}
	return nil
}

// Register adds a collector of the caller's to the server's registry.
func (m *Metrics) Register(c prometheus.Collector) error {
	if m == nil {
		return nil
	}
	return m.reg.Register(c)
}

// bounded returns v, or "other" once vec has maxLabelValues values.
func (m *Metrics) bounded(vec *prometheus.CounterVec, v string) string {
	if v == "" {
		v = "unknown"
	}
	m.labelsMu.Lock()
	defer m.labelsMu.Unlock()
	seen := m.labels[vec]
	if seen == nil {
		seen = map[string]bool{}
		m.labels[vec] = seen
	}
	if seen[v] {
		return v
	}
	if len(seen) >= maxLabelValues {
		return "other"
	}
	seen[v] = true
	return v
}

// Metrics returns the server's metrics, whose methods are the ingest hooks.
func (s *Server) Metrics() *Metrics { return s.obs }

// metrics serves Prometheus metrics in the text exposition format.
func (s *Server) metrics(c echo.Context) error {
	s.promHandler.ServeHTTP(c.Response(), c.Request())
	return nil
}

// httpHandler serves m's registry.
func (m *Metrics) httpHandler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError, MaxRequestsInFlight: 2, Timeout: 10 * time.Second,
	})
}

// alertCollector reports the alerts store's counters and outbox at
// scrape time.
type alertCollector struct {
	store AlertStore
}

var (
	descAlertMatches  = prometheus.NewDesc("dossier_alert_matches_total", "Alert matches recorded since the store was opened.", nil, nil)
	descAlertDelivers = prometheus.NewDesc("dossier_alert_deliveries_total", "Webhook deliveries a receiver accepted (2xx) since the store was opened.", nil, nil)
	descAlertFailures = prometheus.NewDesc("dossier_alert_delivery_failures_total", "Webhook delivery attempts that failed (retried later or given up) since the store was opened.", nil, nil)
	descAlertGaveUp   = prometheus.NewDesc("dossier_alert_deliveries_given_up_total", "Webhook deliveries given up on after the retry period since the store was opened.", nil, nil)
	descAlertInvalid  = prometheus.NewDesc("dossier_alert_runs_invalid_total", "Alert runs against a batch that the engine refused since the store was opened.", nil, nil)
	descAlertOutbox   = prometheus.NewDesc("dossier_alert_outbox_depth", "Webhook deliveries waiting in the outbox.", nil, nil)
	descAlertDead     = prometheus.NewDesc("dossier_alert_dead_deliveries", "Webhook deliveries given up on, kept in the store.", nil, nil)
)

// Describe implements prometheus.Collector.
func (ac *alertCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descAlertMatches, descAlertDelivers, descAlertFailures, descAlertGaveUp, descAlertInvalid, descAlertOutbox, descAlertDead} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (ac *alertCollector) Collect(ch chan<- prometheus.Metric) {
	m := ac.store.Metrics()
	for d, v := range map[*prometheus.Desc]uint64{descAlertMatches: m.Matches, descAlertDelivers: m.Deliveries,
		descAlertFailures: m.Failures, descAlertGaveUp: m.GaveUp, descAlertInvalid: m.Invalid} {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v))
	}
	ch <- prometheus.MustNewConstMetric(descAlertOutbox, prometheus.GaugeValue, float64(m.Outbox))
	ch <- prometheus.MustNewConstMetric(descAlertDead, prometheus.GaugeValue, float64(m.Dead))
}

// indexCollector reports index size and document counts at scrape time.
type indexCollector struct {
	stats StatsSource
	ready func() bool
}

var (
	descDocuments = prometheus.NewDesc("dossier_index_documents", "Searchable documents in the index.", nil, nil)
	descByKind    = prometheus.NewDesc("dossier_index_documents_by_kind", "Searchable documents by kind.", []string{"kind"}, nil)
	descSkipped   = prometheus.NewDesc("dossier_index_skipped_files", "Files recorded with a skip reason.", nil, nil)
	descDisk      = prometheus.NewDesc("dossier_index_disk_bytes", "Index size on disk, bytes.", nil, nil)
	descCache     = prometheus.NewDesc("dossier_index_cache_bytes", "Memory the index's caches of decoded postings hold (the position cache), bytes.", nil, nil)
	descReady     = prometheus.NewDesc("dossier_ready", "1 when the server is ready (index open, not shutting down).", nil, nil)
)

// Describe implements prometheus.Collector.
func (ic *indexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descDocuments
	ch <- descByKind
	ch <- descSkipped
	ch <- descDisk
	ch <- descCache
	ch <- descReady
}

// Collect implements prometheus.Collector.
func (ic *indexCollector) Collect(ch chan<- prometheus.Metric) {
	ready := 0.0
	if ic.ready() {
		ready = 1
	}
	ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, ready)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := ic.stats.Stats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(descDocuments, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(descDocuments, prometheus.GaugeValue, float64(st.Documents))
	ch <- prometheus.MustNewConstMetric(descSkipped, prometheus.GaugeValue, float64(st.Skipped))
	ch <- prometheus.MustNewConstMetric(descDisk, prometheus.GaugeValue, float64(st.DiskBytes))
	ch <- prometheus.MustNewConstMetric(descCache, prometheus.GaugeValue, float64(st.CacheBytes))
	for kind, n := range st.ByKind {
		ch <- prometheus.MustNewConstMetric(descByKind, prometheus.GaugeValue, float64(n), kind)
	}
}
