package legal

import "testing"

func TestClassifyDocType(t *testing.T) {
	tests := []struct{ title, page, want string }{
		{"ORDER GRANTING PERMANENT INJUNCTION", "", DocOrder},
		{"[PROPOSED] ORDER GRANTING PLAINTIFF’S EX PARTE MOTION TO EXPEDITE DISCOVERY", "", DocOrder},
		{"DEFENDANTS’ NOTICE OF MOTION AND MOTION TO DISMISS", "", DocMotion},
		{"PLAINTIFF’S EX PARTE MOTION TO EXPEDITE DISCOVERY", "", DocMotion},
		{"ADMINISTRATIVE MOTION TO SEAL DOCUMENTS", "", DocMotion},
		{"APPLICATION FOR ADMISSION OF ATTORNEY PRO HAC VICE", "", DocMotion},
		{"FIRST AMENDED COMPLAINT FOR DAMAGES", "", DocComplaint},
		{"DECLARATION OF MIRIAM MANNING IN SUPPORT OF MOTION", "", DocDeclaration},
		{"DEFENDANT APPLE INC.’S REPLY IN SUPPORT OF ITS MOTION TO DISMISS", "", DocBrief},
		{"PLAINTIFF’S L.R. 37-2.3 SUPPLEMENTAL BRIEF RE:", "", DocBrief},
		{"MEMORANDUM OPINION", "", DocOpinion},
		{"REPLY DECLARATION OF DAVID J. YOUSSEF IN SUPPORT OF", "", DocDeclaration},
		{"REPLY IN SUPPORT OF MOTION TO DISMISS", "", DocBrief},
		{"MEMORANDUM AND ORDER", "", DocOrder},
		{"STIPULATION AND [PROPOSED] ORDER", "", DocStipulation},
		{"JOINT STIPULATED PROTECTIVE ORDER", "", DocStipulation},
		{"REPORTER'S TELEPHONIC TRANSCRIPT OF POST-MEDIATION STATUS CONFERENCE", "", DocTranscript},
		{"NOTICE OF APPEAL", "", DocNotice},
		{"EXHIBIT A to Declaration of Meghan Andre", "", DocExhibit},
		{"CIVIL DOCKET FOR CASE #: 3:08-cv-00159-WHA", "", DocDocket},
		{"CERTIFICATE OF SERVICE OF MOTION TO DISMISS", "", ""},
		{"JOINT CASE MANAGEMENT STATEMENT", "", ""},
		{"SUMMONS IN A CIVIL ACTION", "", ""},
		// no usable title: the first page decides
		{"", "Case 4:19-cv-07123-PJH Document 741-49 Filed 05/16/25 Page 1 of 2\nEXHIBIT A\n", DocExhibit},
		{"", "UNITED STATES DISTRICT COURT\nCase #: 4:19-cv-07123-PJH\nPlntf Exhibit No. PTX-0930\nDate Admitted:", DocExhibit},
		{"", "REPORTER'S TRANSCRIPT OF PROCEEDINGS\nBEFORE THE HONORABLE", DocTranscript},
		{"", "SUPREME COURT\nOPINION\nThe question presented", DocOpinion},
		{"", "(Slip Opinion) OCTOBER TERM, 2012 1\nSyllabus", DocOpinion},
		{"", "Before Barksdale, Stewart, and Dennis, Circuit Judges.\nPer Curiam:*\nThis case arises", DocOpinion},
		{"", "Before\nHoward, Chief Judge,\nSelya and Barron, Circuit Judges.\nSELYA, Circuit Judge. This appeal", DocOpinion},
		{"", "Presiding Judge Marshall L. Davidson, III, delivered the opinion of the Appeals Board", DocOpinion},
		{"", "The court's opinion is due. per curiam rulings vary.", ""},
		{"", "The parties met and conferred about the schedule.", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := ClassifyDocType(tt.title, tt.page); got != tt.want {
			t.Errorf("ClassifyDocType(%q, %q) = %q, want %q", tt.title, tt.page, got, tt.want)
		}
	}
}
