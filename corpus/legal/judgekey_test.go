package legal

import "testing"

func TestJudgeKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"PHYLLIS J. HAMILTON", "hamilton phyllis"},
		{"Judge Phyllis Hamilton", "hamilton phyllis"},
		{"Hon. Phyllis J. Hamilton, United States District Judge", "hamilton phyllis"},
		{"Robert L. Miller, Jr.", "miller robert"},
		{"Yvonne Gonzalez Rogers", "rogers yvonne"},
		{"P. Hamilton", "hamilton p"},
		{"HAMILTON", "hamilton"},
		{"", ""},
		{"Hon.", ""},
	}
	for _, tt := range tests {
		if got := JudgeKey(tt.in); got != tt.want {
			t.Errorf("JudgeKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSameJudge(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Phyllis Hamilton", "Phyllis J. Hamilton", true},
		{"PHYLLIS J. HAMILTON", "Judge Phyllis Hamilton", true},
		{"P. J. Hamilton", "Phyllis J. Hamilton", true},
		{"HAMILTON", "Phyllis J. Hamilton", true},
		{"Rosa Serrano", "Rosa M. Serrano", true},
		{"W. Keith Watkins", "William Keith Watkins", true},
		{"J. Randal Hall", "Randal Hall", true},
		{"Phyllis J. Hamilton", "Phyllis K. Hamilton", false},
		{"Jane Smith", "John Smith", false},
		{"Phyllis Hamilton", "Phyllis Hamlin", false},
		{"", "Phyllis Hamilton", false},
	}
	for _, tt := range tests {
		if got := SameJudge(tt.a, tt.b); got != tt.want {
			t.Errorf("SameJudge(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := SameJudge(tt.b, tt.a); got != tt.want {
			t.Errorf("SameJudge(%q, %q) = %v, want %v (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestInitialsMatch(t *testing.T) {
	tests := []struct {
		ini, name string
		want      bool
	}{
		{"PJH", "Phyllis J. Hamilton", true},
		{"pjh", "PHYLLIS J. HAMILTON", true},
		{"YGR", "Yvonne Gonzalez Rogers", true},
		{"SJO", "S. James Otero", true},
		{"GW", "George H. Wu", true},
		{"EKL", "Eumi K. Lee", true},
		{"JVS", "James V. Selna", true},
		{"WHA", "William Alsup", false}, // middle name not printed: no guess
		{"PJ", "Phyllis J. Hamilton", false},
		{"PH", "Phyllis Hamilton", true},
		{"PJH", "Phyllis K. Hamilton", false},
		{"P", "Phyllis Hamilton", false},
		{"PJ-H", "Phyllis J. Hamilton", false},
		{"ABCDE", "A B C D E", false},
		{"EKL", "Lee", false},
	}
	for _, tt := range tests {
		if got := InitialsMatch(tt.ini, tt.name); got != tt.want {
			t.Errorf("InitialsMatch(%q, %q) = %v, want %v", tt.ini, tt.name, got, tt.want)
		}
	}
}

func TestResolveInitials(t *testing.T) {
	judges := []Judge{
		{Name: "Joseph C. Spero", Role: RoleMagistrate},
		{Name: "Phyllis Hamilton"},
		{Name: "Phyllis J. Hamilton", Role: RoleDistrict},
		{Name: "Paul J. Howard"},
	}
	tests := []struct {
		ini, want string
		ok        bool
	}{
		{"JCS", "Joseph C. Spero", true},
		{"PJH", "", false}, // Hamilton and Howard both fit
		{"EKL", "", false},
	}
	for _, tt := range tests {
		got, ok := ResolveInitials(tt.ini, judges)
		if ok != tt.ok || got.Name != tt.want {
			t.Errorf("ResolveInitials(%q) = %q, %v; want %q, %v", tt.ini, got.Name, ok, tt.want, tt.ok)
		}
	}
	got, ok := ResolveInitials("PJH", judges[:3])
	if !ok || got.Name != "Phyllis J. Hamilton" {
		t.Errorf("ResolveInitials(PJH) = %q, %v; want the fullest Hamilton", got.Name, ok)
	}
}
