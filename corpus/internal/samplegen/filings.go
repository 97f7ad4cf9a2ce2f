package main

import "fmt"

// filing is one sample document: its file name, Info title and subject,
// the stamp printed on each page, an optional footer, and one drawing
// function per page.
type filing struct {
	name, title, subject string
	stamp                func(page, total int) string
	footer               string
	pages                []func(w *writer)
}

// ecfStamp returns a district court CM/ECF stamp function.
func ecfStamp(caseNo, doc, filed string) func(page, total int) string {
	return func(page, total int) string {
		return fmt.Sprintf("Case %s Document %s Filed %s Page %d of %d", caseNo, doc, filed, page, total)
	}
}

// Case A: the district court case.
const (
	harborCase  = "3:24-cv-01234-RMS"
	harborCourt = "NORTHERN DISTRICT OF CALIFORNIA"
)

var harborParties = []string{
	"HARBOR LIGHT MEDIA, INC.,",
	"Plaintiff,",
	"v.",
	"CASTELLAN DATA SYSTEMS, LTD.,",
	"Defendant.",
}

// filings returns the sample filings in the order they are written.
func filings() []filing {
	return []filing{complaint(), orderMTD(), declExhibit(), sentencingMemo(), ninthCircuitOrder()}
}

func complaint() filing {
	return filing{
		name:    "harbor-light-complaint.pdf",
		title:   "Complaint - Harbor Light Media, Inc. v. Castellan Data Systems, Ltd.",
		subject: "Case " + harborCase,
		stamp:   ecfStamp(harborCase, "1", "02/05/24"),
		footer:  "COMPLAINT - CASE NO. " + harborCase,
		pages: []func(w *writer){
			func(w *writer) {
				w.lines("",
					"Eleanor V. Whitcombe (SBN 281734)",
					"ewhitcombe@whitcombearden.example",
					"WHITCOMBE & ARDEN LLP",
					"550 Battery Street, Suite 1400",
					"San Francisco, California 94111",
					"Attorneys for Plaintiff Harbor Light Media, Inc.")
				w.gap(10)
				w.centered("UNITED STATES DISTRICT COURT", harborCourt)
				w.gap(8)
				w.caption(harborParties, []string{"Case No. " + harborCase})
				w.centered("COMPLAINT FOR VIOLATIONS OF THE COMPUTER FRAUD",
					"AND ABUSE ACT AND CALIFORNIA PENAL CODE § 502",
					"DEMAND FOR JURY TRIAL")
				w.gap(6)
				w.heading("INTRODUCTION")
				w.para("1. Plaintiff Harbor Light Media, Inc. (\"Harbor Light\") publishes investigative journalism about public corruption along the Pacific coast. This action arises from a covert campaign in which Defendant Castellan Data Systems, Ltd. (\"Castellan\") used a spyware tool it markets under the name \"Nightjar\" to break into the mobile phones of Harbor Light reporters and copy their notes, messages and source lists.")
				w.para("2. Nightjar is not a consumer product. Castellan licenses it to paying clients as a turnkey intrusion service, and Castellan's own engineers operate the servers that deliver the exploit, receive the stolen data and relay it onward. Between March and November 2023, those servers carried out the exfiltration of at least eleven gigabytes of data from devices assigned to Harbor Light staff.")
			},
			func(w *writer) {
				w.heading("JURISDICTION AND VENUE")
				w.para("3. This Court has subject-matter jurisdiction under 28 U.S.C. § 1331 because Harbor Light's first claim arises under the Computer Fraud and Abuse Act, 18 U.S.C. § 1030, and supplemental jurisdiction over the state-law claim under 28 U.S.C. § 1367. Venue is proper in this District because the intrusions targeted devices located in San Francisco and Oakland.")
				w.heading("FACTUAL ALLEGATIONS")
				w.para("4. Nightjar infects a phone through a crafted calendar invitation that requires no tap or click by the recipient. Once installed, the implant escalates its privileges, disables crash reporting, and opens an encrypted channel to relay servers that Castellan leases in three countries.")
				w.para("5. Harbor Light's security team first noticed the exfiltration in September 2023, when a reporter's phone uploaded several hundred megabytes overnight while idle. A forensic examination found Nightjar artifacts on four devices and traced the relay traffic to infrastructure registered to a Castellan subsidiary.")
				w.para("6. In October 2023, Harbor Light served a subpoena on the hosting provider that leased the relay servers. The records produced in response list Castellan as the customer of record and show logins from Castellan's corporate network during each intrusion window.")
				w.para("7. The stolen material included the identities of confidential sources, drafts of unpublished articles, and privileged communications with Harbor Light's outside counsel. Two sources have since stopped cooperating with the newsroom.")
			},
			func(w *writer) {
				w.heading("FIRST CLAIM FOR RELIEF")
				w.lines("B", "(Computer Fraud and Abuse Act, 18 U.S.C. § 1030)")
				w.para("8. Castellan intentionally accessed protected computers without authorization and obtained information from them, causing losses well above $5,000 in any one-year period, including the cost of the forensic investigation and of replacing every compromised device.")
				w.heading("SECOND CLAIM FOR RELIEF")
				w.lines("B", "(California Penal Code § 502)")
				w.para("9. Castellan knowingly accessed and took data from Harbor Light's computers and network without permission.")
				w.heading("PRAYER FOR RELIEF")
				w.para("Harbor Light asks the Court to enjoin Castellan from operating Nightjar against Harbor Light's devices and accounts, to award compensatory and punitive damages, and to grant such other relief as is just.")
				w.gap(8)
				w.signature(margin, "Dated: February 5, 2024")
				w.signature(320,
					"Respectfully submitted,",
					"WHITCOMBE & ARDEN LLP",
					"By: /s/ Eleanor V. Whitcombe",
					"Eleanor V. Whitcombe",
					"Attorneys for Plaintiff",
					"Harbor Light Media, Inc.")
			},
		},
	}
}

func orderMTD() filing {
	const title = "ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS"
	return filing{
		name:    "harbor-light-order-mtd.pdf",
		title:   "Order Granting in Part and Denying in Part Motion to Dismiss",
		subject: "Case " + harborCase,
		stamp:   ecfStamp(harborCase, "45", "09/12/24"),
		pages: []func(w *writer){
			func(w *writer) {
				w.centered("UNITED STATES DISTRICT COURT", harborCourt)
				w.gap(8)
				w.caption(harborParties, []string{"Case No. " + harborCase, "Re: Dkt. No. 28"})
				w.centered(title)
				w.gap(6)
				w.para("Defendant Castellan Data Systems, Ltd. moves to dismiss the complaint of Plaintiff Harbor Light Media, Inc. for lack of personal jurisdiction and for failure to state a claim. Having considered the papers and the arguments of counsel at the hearing on August 22, 2024, the Court GRANTS the motion in part and DENIES it in part.")
				w.heading("I. BACKGROUND")
				w.para("Harbor Light alleges that Castellan operated a spyware platform called Nightjar that covertly compromised the phones of its journalists and carried out the exfiltration of their files. The complaint describes a zero-click exploit delivered through calendar invitations, relay servers leased by a Castellan subsidiary, and records obtained by subpoena that identify Castellan as the customer of record for those servers.")
			},
			func(w *writer) {
				w.heading("II. LEGAL STANDARD")
				w.para("A complaint survives a motion under Federal Rule of Civil Procedure 12(b)(6) if it pleads enough facts to state a claim to relief that is plausible on its face. The Court accepts the well-pleaded factual allegations as true and draws reasonable inferences in the plaintiff's favor, but it need not accept legal conclusions couched as facts.")
				w.heading("III. DISCUSSION")
				w.heading("A. Personal Jurisdiction")
				w.para("Castellan argues that it is a foreign company that merely licenses software and never aimed any conduct at California. The argument fails at this stage. The complaint alleges that Castellan's own personnel operated the Nightjar relay servers during each intrusion, that the targets were reporters working in San Francisco and Oakland, and that Castellan knew where the devices were because the implant reported their location. Those allegations describe intentional acts expressly aimed at the forum, and the harm was suffered here.")
				w.heading("B. Computer Fraud and Abuse Act")
				w.para("The CFAA claim is adequately pleaded. Harbor Light alleges unauthorized access to its phones, the taking of information, and more than $5,000 in investigative and remediation costs. Castellan's contention that its clients, not Castellan, pressed the button goes to the merits and cannot be resolved on the pleadings.")
			},
			func(w *writer) {
				w.heading("C. California Penal Code Section 502")
				w.para("The state-law claim is a different matter. Section 502 permits a civil action only by the owner or lessee of the computer system that was accessed. The complaint alleges that several of the compromised phones were the personal devices of individual reporters rather than property owned or leased by Harbor Light. As pleaded, the claim does not separate the devices Harbor Light owns from those it does not, and the Court cannot tell which intrusions Harbor Light has standing to pursue.")
				w.para("The deficiency may be curable. Harbor Light states that it issued at least two of the phones to its staff and paid for their service plans, and it may be able to allege ownership or a lease of those devices with more particularity.")
				w.heading("D. Request for Limited Discovery")
				w.para("Harbor Light asks, in the alternative, for leave to serve a further subpoena on the relay hosting provider. Because the Court denies the motion on personal jurisdiction, the request is moot.")
			},
			func(w *writer) {
				w.heading("IV. CONCLUSION")
				w.para("For the foregoing reasons, the motion to dismiss is DENIED as to personal jurisdiction and as to the first claim under the Computer Fraud and Abuse Act, and GRANTED with leave to amend as to the second claim under California Penal Code section 502. Any amended complaint shall be filed within 21 days of this order. Castellan shall answer or otherwise respond within 21 days after the amended complaint is filed.")
				w.gap(6)
				w.lines("B", "IT IS SO ORDERED.")
				w.gap(6)
				w.signature(margin, "Dated: September 12, 2024")
				w.gap(12)
				w.signature(330, "ROSA M. SERRANO", "United States District Judge")
			},
		},
	}
}

func declExhibit() filing {
	return filing{
		name:    "harbor-light-decl-exhibit.pdf",
		title:   "Declaration of Tobias R. Menendez-Hale",
		subject: "Case " + harborCase,
		stamp:   ecfStamp(harborCase, "45-2", "09/12/24"),
		footer:  "DECLARATION OF TOBIAS R. MENENDEZ-HALE - CASE NO. " + harborCase,
		pages: []func(w *writer){
			func(w *writer) {
				w.centered("UNITED STATES DISTRICT COURT", harborCourt)
				w.gap(8)
				w.caption(harborParties, []string{"Case No. " + harborCase})
				w.centered("DECLARATION OF TOBIAS R. MENENDEZ-HALE REGARDING",
					"FORENSIC EXAMINATION OF MOBILE DEVICES")
				w.gap(6)
				w.para("I, Tobias R. Menendez-Hale, declare as follows:")
				w.para("1. I am a senior forensic analyst at Larkspur Digital Forensics in Oakland, California. I have examined mobile devices for intrusion artifacts for eleven years. I have personal knowledge of the facts stated here and could testify to them.")
				w.para("2. Harbor Light Media, Inc. retained Larkspur in September 2023 to examine four phones used by its reporters. I created a full file-system image of each device and verified every image by its SHA-256 hash before analysis.")
				w.para("3. On all four devices I found a process masquerading as a system calendar service, a persistence entry that relaunched it after each reboot, and a configuration blob naming its command servers. The blob's format and strings match published indicators for the Nightjar implant.")
			},
			func(w *writer) {
				w.para("4. Network logs recovered from the devices show encrypted uploads to three relay addresses during the overnight hours. I estimate the total volume of exfiltration at 11.4 gigabytes across the four devices, most of it from note-taking and messaging applications.")
				w.para("5. The relay addresses resolve to servers that, according to records produced in response to a subpoena to the hosting provider, were leased by Castellan Data Systems, Ltd. through a subsidiary.")
				w.para("I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.")
				w.para("Executed on August 30, 2024, in Oakland, California.")
				w.gap(12)
				w.signature(320, "/s/ Tobias R. Menendez-Hale", "Tobias R. Menendez-Hale")
			},
		},
	}
}

func sentencingMemo() filing {
	const caseNo = "1:23-cr-00456-LTK"
	return filing{
		name:    "delgado-whitfield-sentencing-memo.pdf",
		title:   "Government's Sentencing Memorandum - United States v. Delgado-Whitfield",
		subject: "Case " + caseNo,
		stamp:   ecfStamp(caseNo, "88", "11/03/25"),
		pages: []func(w *writer){
			func(w *writer) {
				w.centered("UNITED STATES DISTRICT COURT", "SOUTHERN DISTRICT OF NEW YORK")
				w.gap(8)
				w.caption([]string{
					"UNITED STATES OF AMERICA",
					"v.",
					"MARCUS DELGADO-WHITFIELD,",
					"Defendant.",
				}, []string{
					"No. " + caseNo,
				})
				w.centered("GOVERNMENT'S SENTENCING MEMORANDUM")
				w.gap(6)
				w.para("The Government respectfully submits this memorandum in advance of the sentencing of defendant Marcus Delgado-Whitfield, scheduled before the Honorable Laura T. Kessler, United States District Judge, on November 17, 2025. The defendant pleaded guilty to one count of wire fraud, in violation of 18 U.S.C. § 1343. For the reasons below, the Government asks the Court to impose a sentence within the stipulated Guidelines range of 57 to 71 months' imprisonment.")
				w.heading("I. THE OFFENSE CONDUCT")
				w.para("From 2019 through 2022, the defendant ran an aviation parts brokerage in Queens that sold counterfeit turbine bearings to regional airlines and repair stations. He bought unmarked bearings from an overseas foundry, had them etched with the part numbers of a certified manufacturer, and shipped them with forged certificates of conformity.")
			},
			func(w *writer) {
				w.para("The scheme was lucrative. Over three years the brokerage invoiced customers more than $4.2 million for counterfeit turbine bearings, which it sold at a modest discount to the genuine parts so as not to draw attention. Customers paid by wire transfer to accounts the defendant controlled.")
				w.para("The scheme was also dangerous. In May 2022 a bearing from one of the defendant's shipments failed during a ground run of a turboprop engine, scattering debris across the engine bay. Metallurgical testing showed that the bearing steel was far softer than the specification, and investigators traced its lot number to the brokerage.")
				w.heading("II. THE SECTION 3553(a) FACTORS")
				w.para("The nature and circumstances of the offense call for a substantial sentence. The defendant did not merely deceive customers about price or origin; he put falsified safety-critical parts into aircraft engines and forged the paperwork that mechanics rely on to keep them airworthy. Only chance prevented an in-flight failure.")
				w.para("General deterrence is equally important. Counterfeit parts enter the aviation supply chain because brokers believe that paperwork fraud is rarely detected and lightly punished. A meaningful sentence here will be noticed by others in the industry.")
			},
			func(w *writer) {
				w.heading("III. CONCLUSION")
				w.para("For these reasons, the Government respectfully requests that the Court impose a sentence within the Guidelines range of 57 to 71 months' imprisonment, order restitution of $4,218,640 to the identified victims, and enter the consent order of forfeiture.")
				w.gap(10)
				w.signature(margin, "Dated: New York, New York", "November 3, 2025")
				w.gap(6)
				w.signature(300,
					"Respectfully submitted,",
					"HOLLIS J. PEMBERTON",
					"United States Attorney",
					"By: /s/ Adaeze M. Quintrell",
					"Adaeze M. Quintrell",
					"Assistant United States Attorney",
					"(212) 555-0148")
				w.gap(8)
				w.lines("", "cc: Defense counsel (by ECF)")
			},
		},
	}
}

func ninthCircuitOrder() filing {
	const appealNo = "25-1432"
	return filing{
		name:    "harbor-light-ninth-circuit-order.pdf",
		title:   "Order - Harbor Light Media, Inc. v. Castellan Data Systems, Ltd., No. 25-1432",
		subject: "No. " + appealNo,
		stamp: func(page, total int) string {
			return fmt.Sprintf("Case: %s, 03/03/2025, DktEntry: 14.1, Page %d of %d", appealNo, page, total)
		},
		pages: []func(w *writer){
			func(w *writer) {
				w.centered("UNITED STATES COURT OF APPEALS", "FOR THE NINTH CIRCUIT")
				w.gap(8)
				w.caption([]string{
					"HARBOR LIGHT MEDIA, INC.,",
					"Plaintiff - Appellee,",
					"v.",
					"CASTELLAN DATA SYSTEMS, LTD.,",
					"Defendant - Appellant.",
				}, []string{
					"No. " + appealNo,
					"D.C. No. " + harborCase,
					"Northern District of California,",
					"San Francisco",
				})
				w.centered("ORDER")
				w.gap(6)
				w.lines("", "Before: WALSH, IBARRA, and CHEN, Circuit Judges.")
				w.gap(6)
				w.para("Appellant Castellan Data Systems, Ltd. appeals the district court's order denying in part its motion to dismiss, No. " + harborCase + ", on appeal from the United States District Court for the Northern District of California. Appellee Harbor Light Media, Inc. moves to dismiss the appeal for lack of appellate jurisdiction (Docket Entry No. 9). Appellant opposes the motion.")
			},
			func(w *writer) {
				w.para("An order denying a motion to dismiss is not a final decision under 28 U.S.C. § 1291. Appellant contends that the collateral order doctrine nonetheless permits review because the district court rejected its argument that, as a licensor of the Nightjar software, it acted only at the direction of foreign government clients and is therefore shielded from suit.")
				w.para("We disagree. The district court did not decide any claim of immunity; it held only that the complaint plausibly alleges that appellant's own personnel operated the relay servers used for the exfiltration of appellee's data. That ruling is reviewable after final judgment, and any defense appellant may assert can be raised on a developed record.")
				w.para("Nor does the order satisfy the requirements for review under 28 U.S.C. § 1292(b). The district court did not certify any question for interlocutory appeal, and appellant did not ask it to.")
			},
			func(w *writer) {
				w.para("Accordingly, appellee's motion to dismiss this appeal for lack of jurisdiction is GRANTED, and the appeal is DISMISSED. Appellant's motion to stay district court proceedings pending appeal (Docket Entry No. 6) is DENIED as moot.")
				w.para("This order served on the district court shall constitute the mandate of this court.")
				w.gap(8)
				w.lines("", "DISMISSED.")
			},
		},
	}
}
