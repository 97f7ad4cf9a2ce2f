package synth

// preferredCourts get 85% of the cases, with weights falling by rank; the
// rest go to any district court.
var preferredCourts = []string{
	"cand", "nysd", "cacd", "dcd", "ded", "txed", "ilnd", "caed", "njd", "mad",
	"flsd", "txsd", "waw", "vaed", "paed", "nyed", "mied", "gand", "cod", "azd",
	"ca9", "ca2", "cadc", "ca5", "cafc",
}

// docTypes are filing types with their relative frequency.
var docTypes = []weighted{
	{"motion", 20}, {"order", 20}, {"brief", 12}, {"declaration", 12}, {"exhibit", 12},
	{"complaint", 6}, {"opinion", 6}, {"transcript", 6}, {"docket", 6},
}

// titles are caption titles by doc type; %s takes a person's name.
var titles = map[string][]string{
	"motion": {
		"DEFENDANTS' MOTION TO DISMISS", "MOTION FOR SUMMARY JUDGMENT", "MOTION TO COMPEL DISCOVERY",
		"MOTION FOR PRELIMINARY INJUNCTION", "MOTION TO STAY PROCEEDINGS", "MOTION TO SEAL",
		"MOTION FOR LEAVE TO FILE AMENDED COMPLAINT", "MOTION IN LIMINE",
	},
	"order": {
		"ORDER GRANTING MOTION TO DISMISS", "ORDER DENYING MOTION TO DISMISS",
		"ORDER GRANTING IN PART AND DENYING IN PART MOTION FOR SUMMARY JUDGMENT",
		"ORDER DENYING MOTION FOR PRELIMINARY INJUNCTION", "SCHEDULING ORDER", "PROTECTIVE ORDER",
		"ORDER RE DISCOVERY DISPUTE",
	},
	"brief": {
		"OPPOSITION TO MOTION TO DISMISS", "REPLY IN SUPPORT OF MOTION TO DISMISS",
		"OPENING BRIEF", "AMICUS CURIAE BRIEF", "JOINT CASE MANAGEMENT STATEMENT",
	},
	"declaration": {
		"DECLARATION OF %s IN SUPPORT OF MOTION", "DECLARATION OF %s", "SUPPLEMENTAL DECLARATION OF %s",
	},
	"exhibit": {"EXHIBIT A", "EXHIBIT B", "EXHIBIT 1 TO DECLARATION OF %s", "EXHIBIT C (FILED UNDER SEAL)"},
	"complaint": {
		"COMPLAINT", "CLASS ACTION COMPLAINT", "FIRST AMENDED COMPLAINT",
		"COMPLAINT FOR DAMAGES AND INJUNCTIVE RELIEF",
	},
	"opinion":    {"OPINION", "MEMORANDUM OPINION AND ORDER", "FINDINGS OF FACT AND CONCLUSIONS OF LAW"},
	"transcript": {"TRANSCRIPT OF PROCEEDINGS", "TRANSCRIPT OF MOTION HEARING", "DEPOSITION OF %s"},
	"docket":     {"CIVIL DOCKET FOR CASE", "CRIMINAL DOCKET FOR CASE"},
}

type site struct{ name, domain string }

// sites are fictional news sites, most frequent first.
var sites = []site{
	{"The Ledger", "ledger.example"}, {"Courtwatch", "courtwatch.example"},
	{"Daily Docket", "dailydocket.example"}, {"The Tribune Wire", "tribunewire.example"},
	{"Metro Herald", "metroherald.example"}, {"Tech Justice Review", "techjustice.example"},
	{"Capitol Report", "capitolreport.example"}, {"Bay Area Bulletin", "bayareabulletin.example"},
	{"Northern Post", "northernpost.example"}, {"The Civic Record", "civicrecord.example"},
	{"Harbor Times", "harbortimes.example"}, {"Open Court News", "opencourtnews.example"},
}

var firstNames = []string{
	"Rosa", "James", "Maria", "David", "Linda", "Robert", "Susan", "Michael", "Karen", "William",
	"Elena", "Thomas", "Nancy", "Charles", "Grace", "Daniel", "Helen", "Samuel", "Laura", "Victor",
	"Naomi", "Arthur", "Priya", "Kenji", "Amara", "Felix", "Irene", "Omar", "Beatrice", "Hugo",
	"Yvonne", "Desmond", "Lucia", "Marcus", "Ingrid", "Rafael", "Miriam", "Edwin", "Tamara", "Jonah",
}

var lastNames = []string{
	"Serrano", "Whitfield", "Okafor", "Lindqvist", "Haverford", "Castellanos", "Brennan", "Nakamura",
	"Delacroix", "Pemberton", "Ashworth", "Valdivia", "Kowalczyk", "Threlkeld", "Montgomery", "Achebe",
	"Galloway", "Hargreaves", "Ivanova", "Jorgensen", "Kincaid", "Larkspur", "Mbeki", "Norwood",
	"Oyelaran", "Prescott", "Quintero", "Rasmussen", "Sandoval", "Tillman", "Underhill", "Vasquez",
	"Winslow", "Xiong", "Yardley", "Zielinski", "Abernathy", "Beaumont", "Calloway", "Dunmore",
	"Ellsworth", "Fairbanks", "Gutierrez", "Holloway", "Iwasaki", "Jablonski", "Kettering", "Lockhart",
	"Mercado", "Nightingale", "Osterman", "Pacheco", "Radcliffe", "Sorensen", "Trujillo", "Vance",
}

var companyWords = []string{
	"Nightjar", "Halcyon", "Meridian", "Cobalt", "Granite", "Lumen", "Sable", "Tessellate", "Vireo",
	"Quill", "Arbor", "Kestrel", "Obsidian", "Pinnacle", "Riverbend", "Solstice", "Tamarack", "Umbra",
}

var companyNouns = []string{
	"Systems", "Data", "Networks", "Holdings", "Labs", "Media", "Security", "Analytics", "Capital",
	"Logistics", "Health", "Robotics",
}

var companySuffixes = []string{", Inc.", " LLC", " Corp.", " Ltd.", ", L.P.", " Group"}
