package bleve

import (
	"flag"
	"io"
	"strconv"
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

// TestPositionCacheFlag checks --position-cache-mb: a number of MiB, 0
// for none (a negative PositionCacheMB), the default when not given, and
// the bounds.
func TestPositionCacheFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int // PositionCacheMB after SetDefaults; 0: the flag is refused
	}{
		{nil, DefaultPositionCacheMB},
		{[]string{"-position-cache-mb", "64"}, 64},
		{[]string{"-position-cache-mb", "0"}, -1},
		{[]string{"-position-cache-mb", "-3"}, 0},
		{[]string{"-position-cache-mb", "lots"}, 0},
		{[]string{"-position-cache-mb", strconv.Itoa(MaxPositionCacheMB + 1)}, 0},
	} {
		var o Options
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		o.RegisterFlags(fs)
		err := fs.Parse(c.args)
		if c.want == 0 {
			if err == nil {
				t.Errorf("%v: accepted", c.args)
			}
			continue
		}
		o.SetDefaults()
		if err != nil || o.Validate() != nil || o.PositionCacheMB != c.want {
			t.Errorf("%v: %d, %v, %v; want %d", c.args, o.PositionCacheMB, err, o.Validate(), c.want)
		}
		ix := &Index{positions: newPositionCache(int64(o.PositionCacheMB) << 20)}
		if (ix.positions == nil) != (c.want < 0) {
			t.Errorf("%v: cache %v", c.args, ix.positions)
		}
	}
	o := Options{SearchWorkers: 1, MergeWidth: 2, MergeFloorDocs: 1, PositionCacheMB: MaxPositionCacheMB}
	if err := o.Validate(); err != nil {
		t.Errorf("the largest cache: %v", err)
	}
	o.PositionCacheMB++
	if err := o.Validate(); err == nil {
		t.Error("a cache above MaxPositionCacheMB passed Validate")
	}
}
