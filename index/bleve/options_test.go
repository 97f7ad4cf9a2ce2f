package bleve

import (
	"strings"
	"testing"
)

func TestBleveConfigMergePlan(t *testing.T) {
	cases := []struct {
		name     string
		opts     Options
		wantPlan map[string]any // nil: the caller's own plan is kept
	}{
		{name: "defaults", opts: Options{}, wantPlan: map[string]any{"FloorSegmentSize": DefaultMergeFloorDocs,
			"SegmentsPerMergeTask": DefaultMergeWidth, "MaxSegmentsPerTier": DefaultMergeWidth}},
		{name: "bulk", opts: Options{MaxSegmentDocs: 5000, MergeWidth: BulkMergeWidth},
			wantPlan: map[string]any{"FloorSegmentSize": DefaultMergeFloorDocs, "MaxSegmentSize": 5000,
				"SegmentsPerMergeTask": BulkMergeWidth, "MaxSegmentsPerTier": BulkMergeWidth}},
		{name: "own floor", opts: Options{MergeFloorDocs: 50}, wantPlan: map[string]any{"FloorSegmentSize": 50,
			"SegmentsPerMergeTask": DefaultMergeWidth, "MaxSegmentsPerTier": DefaultMergeWidth}},
		{name: "caller's plan wins", opts: Options{MaxSegmentDocs: 5000, Bleve: map[string]any{
			"scorchMergePlanOptions": map[string]any{"SegmentsPerMergeTask": 4}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.opts
			o.SetDefaults()
			if err := o.Validate(); err != nil {
				t.Fatal(err)
			}
			plan, ok := o.bleveConfig()["scorchMergePlanOptions"].(map[string]any)
			if !ok {
				t.Fatalf("no merge plan in %v", o.bleveConfig())
			}
			if tc.wantPlan == nil {
				if len(plan) != 1 || plan["SegmentsPerMergeTask"] != 4 {
					t.Errorf("plan %v, want the caller's", plan)
				}
				return
			}
			if len(plan) != len(tc.wantPlan) {
				t.Errorf("plan %v, want %v", plan, tc.wantPlan)
			}
			for k, v := range tc.wantPlan {
				if plan[k] != v {
					t.Errorf("%s = %v, want %v", k, plan[k], v)
				}
			}
		})
	}
}

func TestValidateMergeOptions(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{MergeFloorDocs: -1}, "merge floor"},
		{Options{MergeWidth: 1}, "merge width"},
		{Options{MergeWidth: MaxMergeWidth + 1}, "merge width"},
	} {
		o := tc.opts
		o.SetDefaults()
		if err := o.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want a %s error", tc.opts, err, tc.want)
		}
	}
}
