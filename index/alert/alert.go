package alert

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/corpus"
	"dossier/index"
	ql "dossier/index/query"
)

// Sentinel errors callers branch on.
var (
	// ErrNotFound means no alert has the ID asked for.
	ErrNotFound = errors.New("alert: not found")
	// ErrInvalid wraps every problem with an alert's fields (a bad query
	// or filter also wraps index.ErrInvalidRequest).
	ErrInvalid = errors.New("alert: invalid")
	// ErrLocked means another process holds the alerts store open.
	ErrLocked = errors.New("alert: store is locked by another process")
	// ErrURLRefused means a webhook URL or the address it resolves to is
	// refused: not http(s), or loopback, private, link-local, unspecified
	// or multicast without AllowPrivate.
	ErrURLRefused = errors.New("alert: webhook target refused")
)

// Limits of an alert's fields.
const (
	MaxNameBytes  = 200  // bytes of Alert.Name
	MaxURLBytes   = 2048 // bytes of Webhook.URL
	MaxOwnerBytes = 256  // bytes of Alert.Owner
)

// Alert is a saved search whose new matches are recorded and delivered.
type Alert struct {
	ID   string `json:"id"`   // 32 hex characters, made by Store.Create
	Name string `json:"name"` // the researcher's label, 1..MaxNameBytes
	// Owner is the name of the API key that made the alert, "" when made
	// by an administrator or the CLI. Only that key (or an administrator)
	// may see or change it (see VisibleTo).
	Owner string `json:"owner,omitempty"`
	// Query and Filters are the saved search, as in index.SearchRequest.
	Query   string        `json:"query,omitempty"`
	Filters index.Filters `json:"filters"`
	// Restrict is the owner key's mandatory filter (dossier query
	// language) when the alert was made, ANDed with every match for ever:
	// it never changes, even when the key's filter does.
	Restrict string `json:"restrict,omitempty"`
	// Case, when set, makes a docket alert: the alert follows that case's
	// own filings (Filters.Case must be empty; Request sets it to the case
	// and Filters.Kind to filings when empty). Any spelling is accepted;
	// it is kept as given.
	Case string `json:"case,omitempty"`
	// Webhook is where matches are POSTed; an empty URL delivers nothing
	// (the matches are still recorded, for Matches and the feed).
	Webhook Webhook `json:"webhook"`
	// FeedToken authorises the alert's Atom feed without an API key;
	// made by Store.Create, 52 characters.
	FeedToken string    `json:"feed_token"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Webhook is an alert's delivery target.
type Webhook struct {
	URL string `json:"url,omitempty"` // http or https, at most MaxURLBytes
	// Secret signs every delivery (see Sign); made by Store.Create and
	// shown once: Redacted clears it.
	Secret string `json:"secret,omitempty"`
}

// Request is the search the alert runs against each batch: its query and
// filters, the case of a docket alert (its own filings: kind filing
// unless the alert names kinds), and the owner's restriction.
func (a *Alert) Request() index.SearchRequest {
	req := index.SearchRequest{Query: a.Query, Filters: a.Filters, Restrict: a.Restrict}
	if a.Case != "" {
		req.Filters.Case = []string{a.Case}
		if len(req.Filters.Kind) == 0 {
			req.Filters.Kind = []string{string(corpus.KindFiling)}
		}
	}
	return req
}

// FeedTokenMatches reports, in constant time, whether token is the
// alert's feed token.
func (a *Alert) FeedTokenMatches(token string) bool {
	return a.FeedToken != "" && subtle.ConstantTimeCompare([]byte(a.FeedToken), []byte(token)) == 1
}

// VisibleTo reports whether the key named key (admin: an administrator
// or the CLI) may see and change the alert.
func (a *Alert) VisibleTo(key string, admin bool) bool { return admin || a.Owner == key }

// Redacted is the alert without its webhook secret, for listing.
func (a Alert) Redacted() Alert {
	a.Webhook.Secret = ""
	return a
}

// validate checks the fields a caller sets; allowPrivate lets a webhook
// name a private address.
func (a *Alert) validate(allowPrivate bool) error {
	switch {
	case strings.TrimSpace(a.Name) == "":
		return fmt.Errorf("%w: name is empty", ErrInvalid)
	case len(a.Name) > MaxNameBytes || !utf8.ValidString(a.Name):
		return fmt.Errorf("%w: name is longer than %d bytes or not UTF-8", ErrInvalid, MaxNameBytes)
	case len(a.Owner) > MaxOwnerBytes:
		return fmt.Errorf("%w: owner is longer than %d bytes", ErrInvalid, MaxOwnerBytes)
	case a.Case != "" && len(a.Filters.Case) > 0:
		return fmt.Errorf("%w: a docket alert follows one case; leave the case filter empty", ErrInvalid)
	}
	if a.Case != "" {
		if _, ok := ql.ParseCaseFilter(a.Case); !ok {
			return fmt.Errorf("%w: %q is not a case number", ErrInvalid, a.Case)
		}
	}
	req := a.Request()
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if _, err := ql.ParseChecked(a.Query); err != nil {
		return fmt.Errorf("%w: query: %w", ErrInvalid, err)
	}
	if _, err := ql.ParseChecked(a.Restrict); err != nil {
		return fmt.Errorf("%w: restriction: %w", ErrInvalid, err)
	}
	if a.Webhook.URL != "" {
		if err := CheckURL(a.Webhook.URL, allowPrivate); err != nil {
			return err
		}
	}
	return nil
}

// randomHex returns n random bytes as hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// newFeedToken returns a random feed token: 256 bits, 52 base32
// characters, URL-safe.
func newFeedToken() string { return rand.Text() + rand.Text() }
