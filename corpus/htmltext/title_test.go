package htmltext

import "testing"

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		title, site, url, want string
	}{
		{"Judge rules on spyware | The Bay Ledger", "The Bay Ledger", "", "Judge rules on spyware"},
		{"Judge rules on spyware - The Bay Ledger Online", "The Bay Ledger", "", "Judge rules on spyware"},
		{"Popkultur.de | Die 25 besten Filme", "", "https://www.popkultur.de/x", "Die 25 besten Filme"},
		{"Die 25 besten Filme – popkultur.de", "", "https://popkultur.de/x", "Die 25 besten Filme"},
		{"Story title » Blog", "Blog", "", "Story title"},
		// The known name inside a longer segment is not a site suffix.
		{"How we designed Dropbox's ATF - an async task framework", "Dropbox", "", "How we designed Dropbox's ATF - an async task framework"},
		{"新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::", "史蒂文的家_藍天", "http://stevenhgm.pixnet.net/blog/post/1", "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"},
		{"No separator here", "Site", "", "No separator here"},
		{"Site", "Site", "", "Site"},
		{"Title | Unrelated Words", "Site", "", "Title | Unrelated Words"},
		{"Title | Site", "", "", "Title | Site"},
	}
	for _, tc := range tests {
		if got := stripSiteName(tc.title, tc.site, tc.url); got != tc.want {
			t.Errorf("stripSiteName(%q, %q, %q) = %q, want %q", tc.title, tc.site, tc.url, got, tc.want)
		}
	}
}
