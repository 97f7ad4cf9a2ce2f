package htmltext

import (
	"regexp"
	"strings"
)

// Boilerplate lines: short blocks of rendered text that are page furniture
// whatever markup they sit in. Each rule is a phrase convention shared by
// many sites and languages (jusText and trafilatura keep similar lists),
// never the wording of one site. A rule only applies to a block of at most
// maxBoilerWords words (maxLongBoilerWords for consent placeholders), so a
// paragraph of the article that happens to mention a subscription or a
// photo is kept; the phrases are tight (imperatives, labels followed by a
// colon) so that short news sentences about subscribers, donations or
// advertising are kept too. Go's \b is an ASCII word boundary: the rules
// leave it out next to a non-ASCII letter ("únete", "síguenos").

// maxBoilerWords is the longest block, in words, a boilerplate line rule
// applies to.
const maxBoilerWords = 30

var (
	// creditLine is a photo credit or source note: "Foto: dpa", "Bild:
	// Jahr Media", "Photograph by ...", "(crédito: ...)", "Quelle: ...".
	creditLine = regexp.MustCompile(`(?i)^[(\[]?\s*(?:fotos?|bild(?:er|quelle|nachweis)?|titelbild|beitragsbild|headerbild|symbolbild|photos?|photograph|image|images|picture|credits?|crédits?(?: photos?)?|crédito|créditos|foto(?:grafía)?|imagen|source|sources|quelle|quellen|quellenangaben?|fuente|fuentes|źródło|zdjęcie|fot\.|copyright)\s*(?::|\||/|$)`)

	// copyrightLine holds a copyright notice.
	copyrightLine = regexp.MustCompile(`(?i)(©|^\s*(?:\(c\)\s|copyright\b)|all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|tutti i diritti riservati|wszelkie prawa zastrzeżone|materiał chroniony prawem|nachdruck (?:nur )?(?:mit|nicht))`)

	// callToAction asks the reader to subscribe, sign up, log in, follow
	// the site, download its app or donate.
	callToAction = regexp.MustCompile(`(?i)(^subscribe\b|\bsubscribe (?:now|today|here|to (?:our|the|read|continue))\b|\bplease subscribe\b|\bsubscribers? (?:only|also receive)\b|\bsubscription (?:required|needed|only)\b|\b(?:already|become) a subscriber\b|^sign up\b|\bsign up (?:now|here|today|for (?:our|the) newsletter|for free)\b|\bby signing up\b|\b(?:our|unser(?:en|em)?|notre|nuestro|zum)\s+newsletter\b|\bnewsletter\s+(?:abonnieren|bestellen|anmelden|sign[- ]?up)\b|^newsletters?$|^log ?in\b|\bplease log ?in\b|\byou (?:can|must) log ?in\b|\blog ?in (?:here|now)\b|\b(?:musst|müssen|bitte)\b.{0,40}\beinloggen\b|\beinloggen,? um\b|\bdownload our\b.*\bapp\b|\bapps? for (?:ios|android)\b|\bjetzt abonnieren\b|\babonnieren sie\b|\bhier abonnieren\b|\babonniere (?:jetzt|uns|unseren)\b|\bjetzt abo\b|\babo abschließen|\babonnez-vous\b|\bs'abonner\b|\bjetzt (?:anmelden|registrieren|spenden|unterstützen)\b|\bsuscr[ií]b(?:ete|ase|irse)\b|\bexclusivo para suscriptores\b|\bhazte (?:miembro|socio)\b|\bwerden sie mitglied\b|\bbecome a member\b|\bjetzt mitglied werden\b|\biscriviti\b|\babbonati\b|\bdo subskrypcji\b|\bzaloguj\b|\bdonate (?:now|today|here)\b|\bmake a donation\b|\bspenden sie\b|\bhier spenden\b|\bunterstützen sie (?:uns|unsere)\b|\bsupport (?:us|our|independent) journalism\b|\bsupport us\b|\bpaywall\b|\bbezahlschranke\b|pour lire la suite|la suite est réservée|réservée? aux abonnés|créez votre compte|para seguir leyendo|\bum weiterzulesen|jetzt weiterlesen|artikel freischalten|continue reading|to read the full|for the full (?:story|article)|straight to your (?:phone|inbox)|\bour app\b|\bunsere[rn]? app\b)`)

	// captionCredit is a caption with its photo credit ("Jane Roe,
	// photo: City Archives", "... Photograph by John Doe", "Foto © X") or a
	// numbered figure or table caption ("Abbildung 4: ...", "Fig. 2:").
	captionCredit = regexp.MustCompile(`(?i:\b(?:fotos?|photos?|image|photograph|picture|credits?|crédito|foto(?:grafía)?|bild)\s*(?::|©|\bvia\s*$))|(?i:\b(?:photo(?:graph)?s?|images?|pictures?|fotos?)\s+(?:by|courtesy of|von))\s+\p{Lu}|(?i:^(?:abbildung|abb\.|figure|fig\.|grafik|gráfico|grafico|tabelle|table|schaubild|illustration)\s*\d*[a-z]?\s*:)`)

	// byLine is a bare author or contact label ("Von: Erika Muster",
	// "Autoren:", "Interview JOHN DOE", "Kontakt:").
	byLine = regexp.MustCompile(`(?i)^(?:(?:von|by|par|por|autor(?:in|en)?|authors?|auteurs?|text|texte|interview|redaktion|kontakt|contact|contacto|pressekontakt|media contact|ansprechpartner(?:in)?(?: zum thema)?|über den autor|über die autorin|about the author|zur person|sobre el autor|à propos de l'auteur)\s*:?$|(?:von|by|autor(?:in|en)?|authors?|text|interview|redaktion|kontakt|contact)\s*:\s*\S.{0,60}$|interview\s+\p{Lu}[\p{Lu}\s.-]+$)`)

	// disclaimerLine disclaims responsibility or opinion, or states a
	// licence ("Alle Angaben ohne Gewähr", "... gibt die Meinung des Autors
	// wieder", "licensed under CC-BY").
	disclaimerLine = regexp.MustCompile(`(?i)(angaben ohne gewähr|gibt die meinung de[sr] (?:autors|autorin|verfasser)|not (?:necessarily )?(?:reflect|represent) the (?:views|opinions?)|(?:is|are) not responsible for (?:the )?(?:content|opinions|views|statements|external|linked)|übernimmt keine (?:haftung|gewähr)|übernehmen keine (?:haftung|gewähr)|no se hace responsable de (?:las opiniones|los comentarios|el contenido)|n'engage que|licensed under|lizenziert unter|unter der lizenz|under (?:a|the) creative commons|\bcc[- ]by\b|(?:unsere[rn]?|our|notre|nuestra)\s+(?:datenschutzerklärung|datenschutzhinweise|privacy policy|politique de confidentialité|política de privacidad)|datenschutzerklärung\s+einverstanden|agree to (?:the|our) (?:privacy|terms))`)

	// blockerLine is the placeholder of an embed blocked until the reader
	// consents ("Externer Inhalt", "Klicken Sie ..., um den Inhalt von X zu
	// laden").
	blockerLine = regexp.MustCompile(`(?i)(^externer inhalt|persönlichen daten zu schützen|to protect your (?:privacy|personal data)|^external content|inhalte? (?:von|aus) .{1,60} zu laden|(?:click|klicken sie) .{0,60}(?:to load|zu laden)|load (?:the )?(?:external )?content|^inhalt laden|contenido externo)`)

	// readingTime states how long the text takes to read.
	readingTime = regexp.MustCompile(`(?i)((?:lesezeit|reading time|tiempo de lectura|temps de lecture|czas czytania|lukuaika)\s*:?\s*(?:ca\.\s*|about\s*|environ\s*)?\d|\b\d+\s*(?:min(?:ute)?s?|minuten)\.?\s*(?:read|lesezeit|lesen|de lectura|de lecture)\b|\bprzeczytasz w\b)`)

	// moreLink ends a teaser blurb with a link to the full story ("...
	// mehr •••", "Read more »") or starts one ("... weiter zu").
	moreLink = regexp.MustCompile(`(?i)((?:\bmehr|\bweiter|\bmore|\bread more|\bweiterlesen|\bleer más|\blire la suite|\bczytaj (?:dalej|więcej)|\bwięcej|\bcontinue reading|\bzum artikel)\s*[»›>•…\]\s]+$|^[.…]+\s*weiter\b|^dowiedz się więcej)`)

	// downloadLine offers a file ("Als PDF herunterladen", "PDF | 38 KB").
	downloadLine = regexp.MustCompile(`(?i)(\b(?:als )?pdf (?:herunterladen|download)|\bdownload (?:as )?pdf\b|(?:pdf|docx?|xlsx?|pptx?|zip|mp3|epub)\s*[|(,]?\s*\(?\d+(?:[.,]\d+)?\s*(?:kb|mb|kib|mib)\b)`)

	// shopNotice is a shop widget's message ("Der Artikel wurde
	// erfolgreich hinzugefügt", "Added to your cart") or a save-to-
	// Pinterest button.
	shopNotice = regexp.MustCompile(`(?i)(wurde (?:erfolgreich )?(?:hinzugefügt|zum warenkorb|zur merkliste|auf die merkliste)|^(?:in den|zum) warenkorb\b|added to (?:your )?(?:cart|basket|bag|wishlist)|^add to (?:cart|basket|bag)|(?:auf|bei) pinterest (?:speichern|merken)|save (?:it |this )?(?:on|to) pinterest|\bpin it\b)`)

	// footerLinks is a row of site links separated by bars or dots
	// ("Impressum | Datenschutz | Kontakt").
	footerLinks = regexp.MustCompile(`(?i)(?:impressum|datenschutz|imprint|privacy|kontakt|contact|agb|terms|cookies|sitemap|mentions légales|aviso legal|nutzungsbedingungen|disclaimer)\s*[|·•]\s*\S`)

	// metaAnywhere is a taxonomy or statistics field inside a short line
	// ("Posted : ... Category : Local News", "Aufrufe: 250").
	metaAnywhere = regexp.MustCompile(`(?i)(\b(?:categor(?:y|ies)|kategorie|tags|schlagwörter|aufrufe|views|hinzugefügt von|abgelegt unter|filed under)\s*:|(?:^|\|)\s*\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti)\s*(?:\||$)|\btrackback|\bpingback|\bkommentarfeed\b|\bcomments? feed\b)`)

	// navPrompt points to the next or previous post, or asks the reader to
	// share or follow a link ("Vorschau auf den nächsten Artikel", "Den
	// Artikel mit anderen teilen", "... findest Du hier").
	navPrompt = regexp.MustCompile(`(?i)(\b(?:nächste[rn]?|vorherige[rn]?|next|previous|prev|article suivant|article précédent|siguiente|anterior)\s+(?:artikel|beitrag|post|article|story|artículo|entrada)\b|\b(?:den|diesen|this|the) (?:artikel|beitrag|article|post|story)\b.{0,25}\bteilen\b|\bshare (?:this|the) (?:article|post|story|page)\b|\bpartager (?:cet|l')article\b|\bcompartir (?:este|el) (?:artículo|post)\b|\b(?:findest du|finden sie|finden sie alle) hier\b|\bclick here\b|\bklicken sie hier\b|\bhier klicken\b|\blesen sie hier\b)`)

	// socialFollow invites the reader to follow the site or join its
	// channel on a social network.
	socialFollow = regexp.MustCompile(`(?i)(\b(?:follow us|follow (?:the|our) \S+ on|folge uns|folgt uns|folgen sie uns|siguenos|join us|unete|abonniere uns|like us on)\b|síguenos|únete|suivez-nous|seguici|\b(?:nuestro canal de|our|unseren?)\s+(?:youtube|telegram|whatsapp|tiktok|instagram)(?:[- ](?:channel|kanal))?\b)`)

	// metaLine is a taxonomy or posting note ("This entry was posted in",
	// "Category: News", "Tags: ...").
	metaLine = regexp.MustCompile(`(?i)^(?:suggested citation|cite this (?:article|page|post)|zitiervorschlag|zitierweise|how to cite|this (?:entry|post) was posted|posted in\b|filed under\b|categor(?:y|ies|ía|ias|ie)\s*:|kategorien?\s*:|rubriken?\s*:|tags?\s*:|tagged\b|schlagw(?:ö|o)rte?r?\s*:|stichw(?:ö|o)rte?r?\s*:|etiquetas\s*:|themen\s*:|schlagworte\b|permalink\b|permalien\b)`)

	// adMarker labels an advertisement ("Anzeige", "- Werbung -",
	// "Advertisement:").
	adMarker = regexp.MustCompile(`(?i)^[\s\-–—*|]*(?:anzeige|werbung|advertisement|advertising|advertorial|publicidad|publicité|pubblicità|sponsored(?: content)?|gesponsert|reklama|paid content)\s*(?:[\-–—*|:.]|$)`)

	// promptLine is a widget label: share, print, rate, back, load more.
	promptLine = regexp.MustCompile(`(?i)^(?:share(?: this(?: article| story| post)?)?|teilen|artikel teilen|diesen artikel teilen|compartir|partager|condividi|udostępnij|print(?: this)?|drucken|rezept drucken|imprimir|imprimer|stampa|drukuj|zurück|zurück zu[rm]? (?:übersicht|startseite|liste|listenansicht|artikelübersicht|newsübersicht|suche|kategorie|blog|home|\S+übersicht)|back|back to (?:top|home|overview|list|search|blog|news|homepage|all \S+)|nach oben|top|retour|volver|powrót|mehr laden|weitere inhalte laden|lade weitere inhalte|load more|show more|show less|mehr anzeigen|weniger anzeigen|bild anzeigen|bild vergrößern|vergrößern|enlarge|zoom|(?:quellen |mehr |weniger |alle )?(?:ausblenden|einblenden|anzeigen)|inhaltsverzeichnis|table of contents|contents|índice|sommaire|spis treści)\s*[.!:»›>]*$`)

	// ratingLine asks for a rating or feedback on the page.
	ratingLine = regexp.MustCompile(`(?i)(\bbewerten sie\b|\bartikel bewerten\b|\bden artikel bewerten\b|\bwie (?:bewerten sie|hat ihnen|gefällt ihnen) (?:diese[nr]?|den) (?:artikel|beitrag|seite)|\bwar (?:dieser artikel|diese seite|dieser beitrag) hilfreich|\bwas this (?:article|page|post) helpful|\brate this (?:article|story|post|recipe)|\bvalora esta\b|\bcalifica esta\b|\bnotez cet article|\bartikel gefallen\b|\bbeitrag gefallen\b|\bhat (?:dir|ihnen) (?:der|dieser) (?:artikel|beitrag) gefallen|\bdid you (?:like|enjoy) this|\bif you (?:liked|enjoyed) (?:reading )?this\b|\bwe want to hear what you think\b)`)

	// commentLine is a comment-section notice or prompt, wherever it
	// stands in the text (commentHeading cuts the text only in its second
	// half).
	commentLine = regexp.MustCompile(`(?i)^(?:comments? (?:are )?closed|kommentare? (?:sind )?geschlossen|kommentar(?:e)? (?:verfassen|schreiben|abgeben|hinzufügen)|kommentieren sie\b|schreibe(?:n sie)? einen kommentar|leave a (?:reply|comment)|post a comment|add a comment|write a comment|no comments(?: yet)?|keine kommentare|\d+ (?:comments?|kommentare?)\s*$|kommentare insgesamt|laisser un commentaire|deja (?:un|tu) comentario|escribe (?:un|tu) comentario|lascia un commento|dodaj komentarz|\S.{0,60}\bum (?:einen )?kommentare? (?:zu )?(?:schreiben|verfassen)|you must be logged in to post a comment|sie müssen (?:angemeldet|eingeloggt) sein)`)
)

// lineRule is an unanchored line regexp with the lower-case literals one
// of which any match contains; the cheap substring test spares running
// the regexp on most blocks.
type lineRule struct {
	re   *regexp.Regexp
	keys []string
}

// match reports whether lower (b lower-cased) holds a key and b matches.
func (r lineRule) match(b, lower string) bool {
	for _, k := range r.keys {
		if strings.Contains(lower, k) {
			return r.re.MatchString(b)
		}
	}
	return false
}

// unanchoredRules are the rules that may match anywhere in a block.
var unanchoredRules = []lineRule{
	{callToAction, []string{"paywall", "bezahlschranke", "suite", "compte", "leyendo", "suscr", "weiterzulesen", "weiterlesen", "freischalten", "continue", "full", "already", "become", "straight", "app", "subscri", "sign", "newsletter", "log", "einloggen", "abonn", "abo", "jetzt", "hazte", "mitglied", "member", "iscriviti", "abbonati", "subskrypc", "zaloguj", "donat", "spende", "unterstützen", "support"}},
	{socialFollow, []string{"follow", "folg", "sígu", "sigu", "suivez", "seguici", "join", "únete", "unete", "abonniere", "like us", "youtube", "telegram", "whatsapp", "tiktok", "instagram"}},
	{copyrightLine, []string{"©", "(c)", "copyright", "rights", "rechte", "derechos", "droits", "diritti", "prawa", "chroniony", "nachdruck"}},
	{ratingLine, []string{"bewert", "hilfreich", "helpful", "gefällt", "hat ihnen", "rate this", "valora", "califica", "notez", "gefallen", "like", "enjoy", "hear what"}},
	{captionCredit, []string{"foto", "photo", "bild", "image", "picture", "credit", "crédito", "abb", "fig", "grafi", "gráfico", "tabel", "table", "schaubild", "illustration"}},
	{disclaimerLine, []string{"gewähr", "meinung", "reflect", "represent", "responsib", "haftung", "responsable", "engage", "licen", "lizen", "creative", "cc", "datenschutz", "privacy", "privacidad", "confidentialité", "agree"}},
	{blockerLine, []string{"extern", "laden", "load", "contenido", "schützen", "protect"}},
	{readingTime, []string{"lesezeit", "read", "lectura", "lecture", "czytania", "przeczytasz", "lukuaika", "lesen"}},
	{moreLink, []string{"mehr", "weiter", "more", "lire", "leer", "czytaj", "więcej", "continue", "artikel", "dowiedz"}},
	{downloadLine, []string{"pdf", "doc", "xls", "ppt", "zip", "mp3", "epub"}},
	{shopNotice, []string{"hinzugefügt", "warenkorb", "merkliste", "cart", "basket", "bag", "wishlist", "pinterest", "pin it"}},
	{footerLinks, []string{"|", "·", "•"}},
	{navPrompt, []string{"nächste", "vorherige", "next", "prev", "suivant", "précédent", "siguiente", "anterior", "teilen", "share", "partager", "compartir", "hier", "here"}},
}

// anchoredRules match at the start of a block only, which is cheap.
var anchoredRules = []*regexp.Regexp{creditLine, metaLine, adMarker, promptLine, commentLine, byLine}

// agencyCredit is a bare "Name/Agency" photo or text credit ("Max
// Muster/Agentur", "abc/XYZ", "Firma / Fotograf").
var agencyCredit = regexp.MustCompile(`^[\pL.'’&-]+(?: [\pL.'’&-]+){0,3}\s?/\s?[\pL.'’&-]+(?: [\pL.'’&-]+){0,3}$`)

// maxCreditWords is the longest block, in words, taken for an agency
// credit.
const maxCreditWords = 5

// monthYear is a month and year alone ("November 2011"), as archive and
// calendar widgets print them.
var monthYear = regexp.MustCompile(`^(\pL+)\s+(?:19|20)\d{2}$`)

// maxLongBoilerWords is the longest block, in words, the consent
// placeholder rule (blockerLine) applies to; its wording is rare in
// article text.
const maxLongBoilerWords = 60

// metaKeys are the literals metaAnywhere needs.
var metaKeys = lineRule{metaAnywhere, []string{"categor", "kategorie", "tags", "schlagwörter", "aufrufe", "views", "hinzugefügt", "abgelegt", "filed", "comment", "kommentar", "commenti", "comentario", "trackback", "pingback"}}

// maxMetaWords is the longest block, in words, that metaAnywhere applies
// to.
const maxMetaWords = 20

// labelled starts a block with a "Label:" ("Termin: 12.03.2021"), which
// makes a date part of the content rather than the page's date line.
var labelled = regexp.MustCompile(`^\pL[\pL-]*\s?:`)

// maxBareDateWords is the longest block, in words, taken for a bare date.
const maxBareDateWords = 5

// isBoilerLine reports a short block that one of the boilerplate line rules
// recognises.
func isBoilerLine(b string) bool {
	n := len(strings.Fields(b))
	if len(b) > 16*maxLongBoilerWords || n > maxLongBoilerWords {
		return false
	}
	lower := strings.ToLower(b)
	if n > maxBoilerWords {
		return blockerLine.MatchString(b)
	}
	if n <= maxCreditWords && agencyCredit.MatchString(b) {
		return true
	}
	if m := monthYear.FindStringSubmatch(b); m != nil {
		if _, ok := monthNames[strings.ToLower(m[1])]; ok {
			return true
		}
	}
	if n <= maxMetaWords && metaKeys.match(b, lower) {
		return true
	}
	if n <= maxBareDateWords && !strings.Contains(b, "\n") && strings.ContainsAny(b, "0123456789") &&
		!labelled.MatchString(b) {
		if _, ok := dateInText(b); ok {
			return true // a date alone: the page's date line
		}
	}
	for _, re := range anchoredRules {
		if re.MatchString(b) {
			return true
		}
	}
	for _, r := range unanchoredRules {
		if r.match(b, lower) {
			return true
		}
	}
	return false
}
