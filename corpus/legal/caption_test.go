package legal

import "testing"

func TestFindCaption(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"pleading with line numbers",
			"Case 5:24-cv-06184-EKL Document 14 Filed 12/10/24 Page 1 of 1\n1\n2\n4 UNITED STATES DISTRICT COURT\n5 NORTHERN DISTRICT OF CALIFORNIA\n6\n7 NIBI, INC., Case No. 24-cv-06184-EKL\n\nPlaintiff,\n8\nORDER TO SUPPLEMENT\nv.\n9\nRe: Dkt. No. 12\n10 JOHN DOE,\nDefendant.\n11\n",
			"Nibi, Inc. v. John Doe"},
		{"right column title beside the parties",
			"11 TRACIE STILL, No. 1:11-cv-00637-NONE-EPG\n12 Plaintiff, ORDER GRANTING MOTION FOR\nATTORNEY’S FEES\n13 v.\n(ECF No. 26)\n14 COMMISSIONER OF SOCIAL\nSECURITY, ORDER SEALING DOCKET NUMBERS 26-2\n15 AND 26-3 AND REQUIRING COUNSEL TO\nDefendant. RE-FILE SUCH DOCUMENTS WITH\n",
			"Tracie Still v. Commissioner of Social Security"},
		{"corporation description dropped",
			"WHATSAPP INC., a Delaware corporation,\nand FACEBOOK, INC., a Delaware corporation,\nPlaintiffs,\nv.\nNSO GROUP TECHNOLOGIES LIMITED\nand Q CYBER TECHNOLOGIES LIMITED,\nDefendants.\n",
			"Whatsapp Inc. v. NSO Group Technologies Limited"},
		{"appellate roles",
			"No. 20-1507\nCALVARY CHAPEL OF BANGOR,\nPlaintiff, Appellant,\nv.\nJANET T. MILLS, in her official capacity as Governor of the\nState of Maine,\nDefendant, Appellee.\n",
			"Calvary Chapel of Bangor v. Janet T. Mills"},
		{"versus and em dash roles",
			"No. 21-50498\nVanessa St. Pierre,\nPlaintiff—Appellant,\nversus\nStandard Insurance Company; Dearborn National Life\nInsurance Company,\nDefendants—Appellees.\n",
			"Vanessa St. Pierre v. Standard Insurance Company"},
		{"in re", "UNITED STATES BANKRUPTCY COURT\nIn re: )\nCase No. 20-50682 (MEH)\n)\nWAVE COMPUTING, INC., et al., ) Chapter 11\nDebtors. )\n",
			"In re Wave Computing, Inc."},
		{"docket one line", "CIVIL DOCKET FOR CASE #: 3:08-cv-00159-WHA\n\nBalbo v. Tilton et al\nAssigned to: Hon. William Alsup\n", "Balbo v. Tilton"},
		{"name line ending in v.", "SUPREME COURT OF THE UNITED STATES\nTARRANT REGIONAL WATER DISTRICT v.\nHERRMANN ET AL.\n", "Tarrant Regional Water District v. Herrmann"},
		{"citation is not a caption", "See United States v. Detroit Timber & Lumber Co., 200 U. S. 321, 337.\n", ""},
		{"prose", "The parties met and conferred on March 3.\n", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := FindCaption(tt.text); got != tt.want {
			t.Errorf("%s: FindCaption = %q, want %q", tt.name, got, tt.want)
		}
	}
}
