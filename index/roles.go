package index

import (
	"strings"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// What a document's own case numbers are, and how the judge initials of a
// docket number name a judge: shared by a backend's case field and case
// page and by ingest's judge pass, so that both read a case alike.

// OwnCase reports whether a case number is its document's own for the
// case field: a filing's docket number, any number an article mentions,
// and any number of a document extracted before roles (no role).
func OwnCase(c legal.CaseNumber) bool {
	return c.Role == legal.RoleDocket || c.Role == legal.RoleMentioned || c.Role == ""
}

// OwnCases lists the distinct canonical own case numbers of d (see
// OwnCase): the values of its case field.
func OwnCases(d *corpus.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range d.CaseNumbers {
		if OwnCase(c) && c.Canonical != "" && !seen[c.Canonical] {
			seen[c.Canonical] = true
			out = append(out, c.Canonical)
		}
	}
	return out
}

// SplitInitials splits the judge initials of a docket number, "PJH" or
// "PJH-JSC" (a referral to a magistrate judge), into each judge's.
func SplitInitials(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' })
}

// JudgeByInitials returns the judge among names whose name the initials
// ini abbreviate ("PJH" for "Phyllis J. Hamilton"), or "" when none or
// more than one judge fits (see legal.ResolveInitials).
func JudgeByInitials(ini string, names []string) string {
	judges := make([]legal.Judge, len(names))
	for i, n := range names {
		judges[i] = legal.Judge{Name: n}
	}
	if j, ok := legal.ResolveInitials(ini, judges); ok {
		return j.Name
	}
	return ""
}
