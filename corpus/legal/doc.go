// Package legal extracts US federal court metadata from the text of court
// filings, docket pages and press articles: the court, case numbers, the
// CM/ECF header stamp, judges, the filing or signed date, the parties'
// caption and the document type. It also matches judges' names across
// spellings (JudgeKey, SameJudge) and case-number initials
// (InitialsMatch), for the index to link a case's documents.
//
// # Contract
//
// The types in types.go are the extraction contract: fields may be added
// (with JSON tags) but never renamed.
//
// # Invariants
//
//   - Honest output: every value returned was read from the text; nothing
//     is defaulted or inferred from outside it. When a pattern is not clear
//     enough the result is empty (precision over recall).
//   - Library code is silent (no logging, no printing) and must not panic
//     on any input; every exported function is safe for untrusted text.
//   - Regular expressions are Go RE2 (linear time). Long patterns run only
//     in bounded windows around literal needles (scan.go) and hand-written
//     scanners look around by bounded amounts, so work grows linearly with
//     the input, adversarial input included (linear_test.go).
//   - Results are deterministic and in order of first appearance.
//   - Canonical case numbers are "YY-tt-NNNNN" for district-style numbers
//     (two-digit year, lower-case type, number zero-padded to five digits;
//     six-digit numbers keep six) and "YY-NNNNN" for appellate- and
//     bankruptcy-style numbers (zero-padded to five digits, so "21-800" and
//     "21-00800" are one number). ParseCaseNumber of any canonical form
//     returns the same canonical form. Within one text, a short number
//     that spells a district number without its type ("19-6879" beside
//     "19-cv-06879") takes that district number's form.
//   - Roles and capacities: every case number Analyze returns has a Role
//     (docket, related or cited; AnalyzeArticle: mentioned), listed once
//     with the strongest role it occurs in; every judge has a Capacity
//     (signing, presiding or cited; AnalyzeArticle: mentioned). A cited
//     number's Court comes only from its own citation, never from the
//     document's court.
//   - Dates are valid calendar dates formatted YYYY-MM-DD. Two-digit years
//     70–99 read as 19YY, 00–69 as 20YY.
//   - Court IDs follow CourtListener: districts "cand", bankruptcy courts
//     "canb" (district ID with the trailing d replaced by b), circuits
//     "ca1".."ca11", "cadc", "cafc", plus "scotus", "uscfc", "cit".
//
// # Limits
//
//   - Input caps: FindCourt reads the first 256 KiB of its input; the other
//     functions and Analyze read the first 4 MiB. Text past a cap is ignored.
//   - The court table has the 94 district courts, 91 bankruptcy courts, the
//     13 courts of appeals, the Supreme Court, the Court of Federal Claims
//     and the Court of International Trade. Guam, the Northern Mariana
//     Islands and the Virgin Islands have no bankruptcy court under 28
//     U.S.C. § 151 (their district courts hear bankruptcy cases, although
//     PACER runs separate bankruptcy CM/ECF sites for them), so none is
//     listed. State courts are not covered.
//   - FindCourt prefers captions and formal court names (the earliest
//     wins), then district phrases ("the Southern District of New York"),
//     then citation forms ("N.D. Cal."). Phrases and citations count only
//     when they all name the same court. Citations followed by a year or
//     date ("N.D. Cal. 2019") cite other cases and are ignored; "appeal
//     from the ...", "certiorari to the ..." and "U.S. Attorney for the
//     ..." name other courts and are skipped; "the District of Columbia"
//     alone is a place, not a court; a bare "Ninth Circuit" is not enough.
//   - District case types are limited to cv, cr, mj, md, ml, mc, mb, bk, ap,
//     po, sw, gj, pt and dp. Appellate-style numbers ("20-16408") are taken
//     only after a cue word (No., Case, Appeal, Docket, Dkt.) and never when
//     another "-digit", "/digit" or ".digit" group follows (dates, phone
//     numbers).
//   - Analyze sets a cited number's Court from the first court
//     parenthetical of its citation (up to 200 bytes, cut at ";" or a
//     sentence end) or a United States Reports cite; a docket or related
//     number's from the found court when the number's shape fits it;
//     six-digit district-style numbers (usually state court numbers) get
//     no court.
//   - Roles are read from position and context only: the caption zone is
//     the first 120 lines (16 KiB) of the first page; numbers past it are
//     cited, as are numbers followed by a citation's database cite or
//     dated parenthetical or preceded by a signal ("see also No.") or a
//     case name on the same line. Related needs a cue ("Related Case",
//     "consolidated with", "member case", "D.C. No.", "appeal from") or a
//     style other than the stamp's number (the district number on an
//     appeal). Consolidated numbers printed as the caption's own, with no
//     cue, read as docket. Judges named in prose or by "Hon." are cited
//     when a citation mark (reporter, "WL", "Id.", a year closing a
//     parenthetical) lies within 480 bytes before or 160 after, unless
//     their name fits the initials of a docket number.
//   - ECF stamps need a case number (of an accepted type), a filed date and
//     a document or page number. Between stamp fields only white space,
//     commas, bare pleading line numbers (at most 48) and known stamp parts
//     ("Entered ...", "Page ID #:...", "USDC Colorado", "Desc ...") may
//     appear, within 800 bytes; Raw is rebuilt from the parts, without the
//     line numbers.
//   - Judges are read only from signature blocks (a name line at most two
//     lines above a title line), "Hon."/"Honorable" and "Judge:" forms,
//     "Before: ..., Circuit Judge(s)." panels, and titled mentions in prose
//     ("U.S. District Judge ..."). Headline-like lines need a middle
//     initial; a one-word name cut by a line break is dropped. A shorter
//     form of a name already found (surname only, or without a middle
//     initial or suffix) is merged into the longer one. All-capital names
//     are title-cased by fixed rules (Mc, O', hyphens, suffixes, a short list
//     of Mac- names), so "DEMARCHI" becomes "Demarchi".
//   - District-style numbers may carry a criminal defendant number after
//     the judge initials ("2:17-cr-00378-SPL-1"); a number wrapped after
//     its type ("17-CV-\n02511") is read whole. Short numbers are also
//     taken after "Petition", "Proceeding" and "Docket #:" cues and as
//     later members of a list that a cue opened ("Nos. 20-55436,
//     20-55662"). Hyphen-like dashes (en dash, minus) read as "-".
//     State court numbers are not read.
//   - FindCourt also reads the court heading of PACER pages ("U.S.
//     District Court California Northern District (Oakland)"); the
//     division in parentheses is required.
//   - Judges are also read from docket labels ("Assigned to:", "Referred
//     to:"), "Name, Circuit Judge." lines and the Supreme Court's
//     "SOTOMAYOR, J., delivered"; a "Hon." name after "Master:" is not a
//     judge. Names are merged with SameJudge within one text; one-word
//     names after "Judge:" and names containing a stop word ("Charles G.
//     Case") are missed.
//   - Document dates: the ECF stamp, else a clerk's "FILED" stamp (the
//     word alone on its line, a date on the next), else the signed date,
//     else an opinion's "Decided" date. FindDateFiled reads docket pages'
//     "Date Filed:" and "Docketed:" labels.
//   - FindCaption reads the first 120 lines (16 KiB): a pleading caption
//     (party block, role, "v.", party block, role), "In re:" and a name, or
//     a one-line "X v. Y". Only the first party of each side is kept;
//     names broken over more than two lines are cut short.
//   - ClassifyDocType decides by the first type word of the title (after
//     qualifiers and a party possessive), else by an exhibit cover, trial
//     exhibit sticker, transcript or opinion heading on the first page; a
//     title that names another kind of paper (certificate, summons,
//     answer, case management statement) gives "".
//   - InitialsMatch never guesses a middle name; JudgeKey keeps the first
//     given name as printed, so "P. Hamilton" and "Phyllis Hamilton" have
//     different keys (SameJudge merges them).
//   - Signed dates are read only after a "Dated" cue at a line start or
//     followed by a colon, within 96 bytes; "Date:" (the hearing date in
//     notices) and mid-sentence "dated" are not cues.
package legal
