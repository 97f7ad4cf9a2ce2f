package index

import "testing"

func TestDocketNumberOrder(t *testing.T) {
	if got := compareDocketNumbers("45-2", "45"); got <= 0 {
		t.Errorf("45-2 should follow 45")
	}
	if got := compareDocketNumbers("9", "45"); got >= 0 {
		t.Errorf("9 should precede 45")
	}
}

func TestMajorityCaption(t *testing.T) {
	hit := func(c string) Hit { return Hit{Caption: c} }
	tests := []struct {
		name string
		hits []Hit
		want string
	}{
		{"none", []Hit{hit("")}, ""},
		{"letter-spaced first, majority wins", []Hit{hit("WHA Tsapp Inc. v. NSO"), hit("WhatsApp Inc. v. NSO"), hit("WhatsApp Inc. v. NSO")}, "WhatsApp Inc. v. NSO"},
		{"largest group beats an exact spelling", []Hit{hit("Acme v. Beta"), hit("ACME v. BETA"), hit("Acme v. Beta LLC"), hit("Acme v. Beta LLC"), hit("ACME v. Beta")}, "Acme v. Beta"},
		{"tie: earliest", []Hit{hit("Acme v. Beta"), hit("Gamma v. Delta")}, "Acme v. Beta"},
	}
	for _, tc := range tests {
		if got := majorityCaption(tc.hits); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
