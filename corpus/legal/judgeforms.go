// Judges in formal positions: signature blocks, "Hon." forms and
// appellate panels.

package legal

import "strings"

// nameLine reads a whole line as a name, returning the judge name or "".
func nameLine(line string) (string, string) {
	line = strings.TrimSpace(line)
	if i := strings.IndexByte(line, ' '); i > 0 && isLineNumber(line[:i]) {
		line = strings.TrimSpace(line[i:])
	}
	if loc := reNamePrefix.FindStringIndex(line); loc != nil {
		line = line[loc[1]:]
	}
	line = strings.TrimRight(line, " ,:;")
	toks, end := readName(line, 0)
	if !validName(toks, 2) || strings.TrimSpace(line[end:]) != "" && strings.TrimSpace(line[end:]) != "." {
		return "", ""
	}
	return canonToks(toks), line[:end]
}

// skippableLine reports whether a line between a name and its title can be
// passed over: blank, a bare line number, or a signature rule.
func skippableLine(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || isLineNumber(t) {
		return true
	}
	t = strings.TrimLeft(strings.TrimPrefix(t, "By:"), " ")
	return strings.Trim(t, "_-/s ") == ""
}

// signatureJudges finds name lines followed within two lines by a title.
func signatureJudges(text, lower string) []posJudge {
	var out []posJudge
	for _, m := range fRoleLine.findAll(text, lower) {
		role := roleOf(sub(text, m, 1) + sub(text, m, 2) + sub(text, m, 3))
		p, tail := m[0], ""
		for tries, seen := 0, 0; p > 0 && tries < 8 && seen < 2; tries++ {
			ls, _ := lineAt(text, p-1)
			line := text[ls : p-1]
			p = ls
			if skippableLine(line) {
				continue
			}
			seen++
			if tail != "" {
				if name, raw := nameLine(line + " " + tail); name != "" {
					out = append(out, posJudge{ls, Judge{Name: name, Raw: strings.TrimSpace(raw), Role: role, Capacity: CapacitySigning}})
					break
				}
			}
			if name, raw := nameLine(line); name != "" {
				out = append(out, posJudge{ls, Judge{Name: name, Raw: strings.TrimSpace(raw), Role: role, Capacity: CapacitySigning}})
				break
			}
			if toks, end := readName(strings.TrimSpace(line), 0); seen == 1 && len(toks) == 1 && !toks[0].initial && end == len(strings.TrimSpace(line)) {
				tail = toks[0].text
			}
		}
	}
	return out
}

// honJudges finds "Hon. Name", "Honorable Name", "Judge: Hon. Name",
// "Assigned to: Name" (docket pages) and
// "Name, United States District Judge" on one line.
func honJudges(text, lower string) []posJudge {
	var out []posJudge
	add := func(at, nameStart int, capacity string) {
		if ls, _ := lineAt(text, at); reMasterBefore.MatchString(text[max(ls, at-32):at]) {
			return
		}
		toks, end := readName(text, nameStart)
		toks, end = continuation(text, toks, end)
		if !validName(toks, 2) || reNotJudgeTitle.MatchString(text[end:min(end+40, len(text))]) {
			return
		}
		role := ""
		if t := reRoleTail.FindStringSubmatchIndex(text[end:min(end+80, len(text))]); t != nil {
			tail := text[end:min(end+80, len(text))]
			role = roleOf(sub(tail, t, 1) + sub(tail, t, 2) + sub(tail, t, 3))
		}
		raw := joinToks(toks)
		if capacity == "" {
			capacity = proseCapacity(text, at)
		}
		out = append(out, posJudge{at, Judge{Name: canonToks(toks), Raw: raw, Role: role, Capacity: capacity}})
	}
	for _, m := range fHon.findAll(text, "") {
		add(m[0], m[1], "")
	}
	for _, m := range fJudgeColon.findAll(text, lower) {
		add(m[0], m[1], CapacityPresiding)
	}
	for _, m := range fAssigned.findAll(text, lower) {
		add(m[0], m[1], CapacityPresiding)
	}
	return out
}

// continuation extends a name that a line break cut short: when the name
// ends its line, the next line holds one more name word and nothing else,
// and the line after that is a judge's title ("Before the Honorable Yvonne
// Gonzalez\nRogers\nUnited States District Judge").
func continuation(text string, toks []nameTok, end int) ([]nameTok, int) {
	if len(toks) == 0 {
		return toks, end
	}
	p := end
	for p < len(text) && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p >= len(text) || text[p] != '\n' {
		return toks, end
	}
	_, le := lineAt(text, p+1)
	next := strings.TrimSpace(text[p+1 : le])
	more, mend := readName(next, 0)
	if len(more) != 1 || more[0].initial || strings.TrimSpace(next[mend:]) != "" || le >= len(text) {
		return toks, end
	}
	if loc := reRoleLine.FindStringIndex(text[le+1:]); loc == nil || loc[0] != 0 {
		return toks, end
	}
	return append(toks, more...), le
}

// panelLists returns the spans of the name lists in "Before[:] <list>[,]
// Circuit Judge(s)": the list holds 3 to 240 bytes without ';' or ':'.
func panelLists(lower string) [][2]int {
	var out [][2]int
	last := 0
	for _, p := range needleHits(lower, []string{"before"}) {
		if p < last || p > 0 && isASCIILetter(lower[p-1]) {
			continue
		}
		i := p + len("before")
		if i < len(lower) && lower[i] == ':' {
			i++
		}
		if i >= len(lower) || !isSpace(lower[i]) {
			continue
		}
		for i < len(lower) && isSpace(lower[i]) {
			i++
		}
		win := lower[i:min(i+panelMax+32, len(lower))]
		j := strings.Index(win, "circuit judge")
		if j < 0 {
			continue
		}
		if k := j + len("circuit judge"); k < len(win) && isASCIILetter(win[k]) && win[k] != 's' {
			continue
		}
		end := i + j
		for end > i && (isSpace(lower[end-1]) || lower[end-1] == ',' || lower[end-1] == '*') {
			end--
		}
		if n := end - i; n < 3 || n > panelMax || strings.ContainsAny(lower[i:end], ";:") {
			continue
		}
		out = append(out, [2]int{i, end})
		last = end
	}
	return out
}

// panelMax bounds the length of a "Before:" name list.
const panelMax = 240

// panelJudges reads "Before: WALSH, IBARRA, and CHEN, Circuit Judges." The
// whole list must read as names, or nothing is taken from it.
func panelJudges(text, lower string) []posJudge {
	var out []posJudge
	for _, sp := range panelLists(lower) {
		list := squash(text[sp[0]:sp[1]])
		var names []string
		ok := true
		for _, part := range rePanelSplit.Split(list, -1) {
			part = strings.Trim(part, " *")
			if part == "" || rePanelRole.MatchString(part) {
				continue
			}
			toks, end := readName(part, 0)
			if !validName(toks, 1) || len(toks) > 4 || strings.TrimSpace(part[end:]) != "" {
				ok = false
				break
			}
			names = append(names, joinToks(toks))
		}
		if !ok || len(names) == 0 || len(names) > 15 {
			continue
		}
		for _, n := range names {
			out = append(out, posJudge{sp[0], Judge{Name: CanonicalJudgeName(n), Raw: n, Role: RoleCircuit, Capacity: CapacityPresiding}})
		}
	}
	return out
}

// commaTitleJudges finds "Name, Circuit Judge." lines and the Supreme
// Court's "SURNAME, J., delivered" and "JUSTICE SURNAME delivered".
func commaTitleJudges(text, lower string) []posJudge {
	var out []posJudge
	for _, m := range fNameCommaJudge.findAll(text, lower) {
		part := text[m[2]:m[3]]
		if loc := reNamePrefix.FindStringIndex(part); loc != nil {
			part = part[loc[1]:]
		}
		part = strings.TrimSpace(part)
		toks, end := readName(part, 0)
		if !validName(toks, 1) || len(toks) > 5 || strings.TrimSpace(part[end:]) != "" {
			continue
		}
		role := RoleChief
		if m[4] >= 0 {
			role = roleOf(text[m[4]:m[5]])
		} else if !strings.Contains(strings.ToLower(text[m[3]:m[1]]), "chief") {
			role = ""
		}
		out = append(out, posJudge{m[0], Judge{Name: canonToks(toks), Raw: joinToks(toks), Role: role, Capacity: CapacitySigning}})
	}
	for _, m := range fJustice.findAll(text, "") {
		raw := sub(text, m, 1)
		if raw == "" {
			raw = sub(text, m, 2)
		}
		if stopWords[strings.ToUpper(raw)] {
			continue
		}
		out = append(out, posJudge{m[0], Judge{Name: CanonicalJudgeName(raw), Raw: raw, Role: RoleJustice, Capacity: CapacitySigning}})
	}
	return out
}
