package bleve

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
)

type bleveFieldValue = bleveindex.Field

// pageSeparator joins page texts in the stored text field.
const pageSeparator = "\n\n"

// storedMeta is the JSON kept in fieldMeta: the document without its text
// (which is stored once, in fieldText) and the byte offset where each page
// starts in that text.
type storedMeta struct {
	corpus.Document
	PageStarts       []int     `json:"page_starts,omitempty"`
	ExtractorVersion int       `json:"extractor_version"`
	MappingVersion   int       `json:"mapping_version"`
	IndexedAt        time.Time `json:"indexed_at"`
}

// joinPages returns the text of all pages separated by pageSeparator and the
// byte offset at which each page starts.
func joinPages(pages []corpus.Page) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(pages))
	for i, p := range pages {
		if i > 0 {
			b.WriteString(pageSeparator)
		}
		starts[i] = b.Len()
		b.WriteString(p.Text)
	}
	return b.String(), starts
}

// toRecord maps a document to the field map bleve indexes.
func toRecord(d *corpus.Document) (map[string]any, error) {
	text := d.Text
	var starts []int
	if len(d.Pages) > 0 {
		text, starts = joinPages(d.Pages)
	}
	meta := storedMeta{
		Document:         *d,
		PageStarts:       starts,
		ExtractorVersion: corpus.ExtractorVersion,
		MappingVersion:   MappingVersion,
		IndexedAt:        time.Now().UTC().Truncate(time.Second),
	}
	meta.Text = ""
	meta.Pages = make([]corpus.Page, len(d.Pages))
	for i, p := range d.Pages {
		meta.Pages[i] = corpus.Page{Number: p.Number, OCR: p.OCR, ExtractedBy: p.ExtractedBy}
	}
	mj, err := json.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("index: encode metadata of %s: %w", d.ID, err)
	}

	rec := map[string]any{
		fieldKey:   d.ID,
		fieldKind:  string(d.Kind),
		fieldTitle: d.Title,
		fieldText:  text,
		fieldMeta:  string(mj),
	}
	if d.Skipped() {
		rec[fieldStatus] = statusSkipped
		rec[fieldText] = ""
		delete(rec, fieldKind)
	} else {
		rec[fieldStatus] = statusOK
	}
	if d.Court != nil && d.Court.ID != "" {
		rec[fieldCourt] = d.Court.ID
	}
	if names := judgeValues(d); len(names) > 0 {
		rec[fieldJudge] = names
		rec[fieldJudgeName] = strings.Join(names, " ; ")
	}
	if cases := index.OwnCases(d); len(cases) > 0 {
		rec[fieldCase] = cases
	}
	if cases := roleValues(d, legal.RoleCited); len(cases) > 0 {
		rec[fieldCites] = cases
	}
	if cases := roleValues(d, legal.RoleRelated); len(cases) > 0 {
		rec[fieldRelated] = cases
	}
	if dt := docTypeOf(d); dt != "" {
		rec[fieldDocType] = dt
	}
	if d.Author != "" {
		rec[fieldAuthor] = d.Author
		rec[fieldAuthorKey] = authorValues(d.Author)
	}
	if d.Caption != "" {
		rec[fieldCaption] = d.Caption
	}
	if lang := primaryLanguage(d.Language); lang != "" {
		rec[fieldLang] = lang
	}
	if d.SiteName != "" {
		rec[fieldSite] = d.SiteName
	}
	if t, ok := parseDay(d.Date); ok {
		rec[fieldDate] = t
		rec[fieldYear] = t.Format("2006")
		rec[fieldMonth] = t.Format("2006-01")
	}
	return rec, nil
}

// ownJudge reports whether a judge is the document's own for the judge
// field: presiding or signing in a filing, mentioned by an article, or
// extracted before capacities (none).
func ownJudge(j legal.Judge) bool {
	return j.Own() || j.Capacity == legal.CapacityMentioned || j.Capacity == ""
}

// judgeValues lists the canonical names of d's own judges (see ownJudge).
func judgeValues(d *corpus.Document) []string {
	var out []string
	for _, j := range d.Judges {
		if ownJudge(j) {
			out = append(out, j.Name)
		}
	}
	return out
}

// roleValues lists the distinct canonical case numbers of d with role.
func roleValues(d *corpus.Document, role string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range d.CaseNumbers {
		if c.Role == role && c.Canonical != "" && !seen[c.Canonical] {
			seen[c.Canonical] = true
			out = append(out, c.Canonical)
		}
	}
	return out
}

// fromRecord rebuilds a document from its stored metadata and text.
func fromRecord(metaJSON []byte, text string) (*corpus.Document, error) {
	var m storedMeta
	if err := json.Unmarshal(metaJSON, &m); err != nil {
		return nil, fmt.Errorf("index: decode stored metadata: %w", err)
	}
	d := m.Document
	d.Text = text
	if len(m.PageStarts) == len(d.Pages) {
		for i := range d.Pages {
			start := m.PageStarts[i]
			end := len(text)
			if i+1 < len(m.PageStarts) {
				end = m.PageStarts[i+1] - len(pageSeparator)
			}
			if start >= 0 && start <= end && end <= len(text) {
				d.Pages[i].Text = text[start:end]
			}
		}
	}
	return &d, nil
}

// parseDay parses a YYYY-MM-DD date.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// docTypeOf is the document type facet value: the extractor's DocType, or
// "article" for articles without one.
func docTypeOf(d *corpus.Document) string {
	if d.DocType != "" {
		return strings.ToLower(d.DocType)
	}
	if d.Kind == corpus.KindArticle {
		return "article"
	}
	return ""
}

// primaryLanguage is the lower-cased primary subtag of a BCP 47 tag
// ("en-US" -> "en"), or "" when there is none.
func primaryLanguage(tag string) string {
	tag, _, _ = strings.Cut(strings.TrimSpace(tag), "-")
	tag, _, _ = strings.Cut(tag, "_")
	tag = strings.ToLower(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] < 'a' || tag[i] > 'z' {
			return ""
		}
	}
	return tag
}

// authorValues splits a byline ("Ana Ruiz, Tom Lee") into its authors.
func authorValues(byline string) []string {
	var out []string
	for _, a := range strings.Split(byline, ", ") {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
