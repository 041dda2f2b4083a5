package access

import (
	"fmt"
	"testing"
)

// The tree used by the scenarios:
//
//	1 Kemendagri
//	├── 2 Provinsi Jambi
//	│   └── 3 Kota Jambi
//	└── 4 Provinsi Aceh
var (
	pathKemendagri = []int64{1}
	pathJambi      = []int64{1, 2}
	pathKotaJambi  = []int64{1, 2, 3}
	pathAceh       = []int64{1, 4}
)

func TestRelationOf(t *testing.T) {
	tests := []struct {
		actor, record []int64
		want          Relation
	}{
		{pathJambi, pathJambi, Same},
		{pathJambi, pathKotaJambi, Parent},
		{pathKemendagri, pathKotaJambi, Parent},
		{pathKotaJambi, pathJambi, Child},
		{pathKotaJambi, pathKemendagri, Child},
		{pathAceh, pathKotaJambi, Unrelated},
		{pathAceh, pathJambi, Unrelated},
		{nil, pathJambi, Unrelated},
		{pathJambi, nil, Unrelated},
	}
	for _, tt := range tests {
		if got := RelationOf(tt.actor, tt.record); got != tt.want {
			t.Errorf("RelationOf(%v, %v) = %v, want %v", tt.actor, tt.record, got, tt.want)
		}
	}
}

// TestCanView runs every role × classification × relation × clearance and
// checks the result against the policy as written in the package comment.
func TestCanView(t *testing.T) {
	relations := map[Relation][]int64{
		Same:      pathJambi,
		Parent:    pathKemendagri,
		Child:     pathKotaJambi,
		Unrelated: pathAceh,
	}
	for _, role := range Roles {
		for _, clearance := range Levels {
			for rel, actorPath := range relations {
				for _, class := range Levels {
					actor := Actor{UserID: 7, Role: role, Clearance: clearance, AgencyPath: actorPath}
					res := Resource{Classification: class, AgencyPath: pathJambi}
					want := clearance >= class && (class == Publik ||
						class == Terbatas && rel != Unrelated ||
						class == Rahasia && rel == Same)
					name := fmt.Sprintf("%s/clearance=%s/%s/%s", role, clearance, rel, class)
					if got := Can(actor, View, res); got != want {
						t.Errorf("%s: Can(View) = %v, want %v", name, got, want)
					}
					if got, wantTop := MaxVisible(actor, rel) >= class, want; got != wantTop {
						t.Errorf("%s: MaxVisible >= class is %v, want %v", name, got, wantTop)
					}
				}
			}
		}
	}
}

func TestScenarios(t *testing.T) {
	analystJambi := Actor{UserID: 1, Role: Analis, Clearance: Terbatas, AgencyPath: pathJambi}
	editorKota := Actor{UserID: 2, Role: Editor, Clearance: Rahasia, AgencyPath: pathKotaJambi}
	pimpinanKota := Actor{UserID: 3, Role: Pimpinan, Clearance: Rahasia, AgencyPath: pathKotaJambi}
	adminJambi := Actor{UserID: 4, Role: Administrator, Clearance: Terbatas, AgencyPath: pathJambi}
	adminAceh := Actor{UserID: 5, Role: Administrator, Clearance: Rahasia, AgencyPath: pathAceh}
	visitor := Actor{}

	tests := []struct {
		name   string
		actor  Actor
		action Action
		res    Resource
		want   bool
	}{
		{"TERBATAS analyst, RAHASIA record of own agency", analystJambi, View, Resource{Rahasia, pathJambi}, false},
		{"TERBATAS analyst, TERBATAS record of unrelated agency", analystJambi, View, Resource{Terbatas, pathAceh}, false},
		{"TERBATAS analyst, TERBATAS record of own agency", analystJambi, View, Resource{Terbatas, pathJambi}, true},
		{"TERBATAS analyst, TERBATAS record of kota below", analystJambi, View, Resource{Terbatas, pathKotaJambi}, true},
		{"kota editor, TERBATAS record of province above", editorKota, View, Resource{Terbatas, pathJambi}, true},
		{"kota editor, RAHASIA record of province above", editorKota, View, Resource{Rahasia, pathJambi}, false},
		{"kota editor, TERBATAS record of another province", editorKota, View, Resource{Terbatas, pathAceh}, false},
		{"Aceh admin, TERBATAS record of Jambi (another branch)", adminAceh, View, Resource{Terbatas, pathJambi}, false},
		{"kota editor, PUBLIK record of province above", editorKota, View, Resource{Publik, pathJambi}, true},
		{"kota editor changes own RAHASIA record", editorKota, Change, Resource{Rahasia, pathKotaJambi}, true},
		{"province analyst changes kota record", analystJambi, Change, Resource{Publik, pathKotaJambi}, false},
		{"pimpinan reads but does not change", pimpinanKota, Change, Resource{Publik, pathKotaJambi}, false},
		{"pimpinan reads RAHASIA of own agency", pimpinanKota, View, Resource{Rahasia, pathKotaJambi}, true},
		{"province admin administers kota", adminJambi, Administer, Resource{Publik, pathKotaJambi}, true},
		{"province admin administers own", adminJambi, Administer, Resource{Publik, pathJambi}, true},
		{"admin of another province", adminAceh, Administer, Resource{Publik, pathJambi}, false},
		{"admin administers above own agency", adminJambi, Administer, Resource{Publik, pathKemendagri}, false},
		{"admin with low clearance, RAHASIA agency record", adminJambi, Administer, Resource{Rahasia, pathJambi}, false},
		{"analyst cannot administer", analystJambi, Administer, Resource{Publik, pathJambi}, false},
		{"visitor sees PUBLIK", visitor, View, Resource{Publik, pathJambi}, true},
		{"visitor never sees TERBATAS", visitor, View, Resource{Terbatas, pathJambi}, false},
		{"visitor cannot change", visitor, Change, Resource{Publik, pathJambi}, false},
		{"invalid classification is denied", adminJambi, View, Resource{Level(9), pathJambi}, false},
		{"unknown action is denied", adminJambi, Action(99), Resource{Publik, pathJambi}, false},
		{"console operator administers anything", SystemActor(), Administer, Resource{Rahasia, pathAceh}, true},
		{"console operator sees RAHASIA", SystemActor(), View, Resource{Rahasia, pathAceh}, true},
	}
	for _, tt := range tests {
		if got := Can(tt.actor, tt.action, tt.res); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, l := range Levels {
		got, err := ParseLevel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLevel(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseLevel("SANGAT RAHASIA"); err == nil {
		t.Error(`ParseLevel("SANGAT RAHASIA") succeeded, want error`)
	}
	for _, r := range Roles {
		got, err := ParseRole(string(r))
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v", r, got, err)
		}
	}
	if got, err := ParseRole("Kepala Humas"); err != nil || got != KepalaHumas {
		t.Errorf(`ParseRole("Kepala Humas") = %v, %v`, got, err)
	}
	if _, err := ParseRole("raja"); err == nil {
		t.Error(`ParseRole("raja") succeeded, want error`)
	}
}

func TestPathString(t *testing.T) {
	tests := []struct {
		path []int64
		want string
	}{
		{nil, ""},
		{[]int64{1}, "/1/"},
		{[]int64{1, 20, 300}, "/1/20/300/"},
	}
	for _, tt := range tests {
		got := PathString(tt.path)
		if got != tt.want {
			t.Errorf("PathString(%v) = %q, want %q", tt.path, got, tt.want)
		}
		back, err := ParsePath(got)
		if err != nil || fmt.Sprint(back) != fmt.Sprint(tt.path) {
			t.Errorf("ParsePath(%q) = %v, %v, want %v", got, back, err, tt.path)
		}
	}
	for _, bad := range []string{"/a/", "/1/-2/", "/0/"} {
		if _, err := ParsePath(bad); err == nil {
			t.Errorf("ParsePath(%q) succeeded, want error", bad)
		}
	}
}

// TestVisibilityAgreesWithCan checks the listing rule against the one-record
// rule for every actor and record of the scenario tree.
func TestVisibilityAgreesWithCan(t *testing.T) {
	paths := [][]int64{nil, pathKemendagri, pathJambi, pathKotaJambi, pathAceh}
	actors := []Actor{{}, SystemActor()}
	for _, p := range paths[1:] {
		for _, r := range Roles {
			for _, c := range Levels {
				actors = append(actors, Actor{UserID: 9, Role: r, Clearance: c, AgencyPath: p})
			}
		}
	}
	for _, a := range actors {
		v := VisibilityOf(a)
		for _, p := range paths[1:] {
			for _, c := range Levels {
				res := Resource{Classification: c, AgencyPath: p}
				if got, want := v.Allows(res), Can(a, View, res); got != want {
					t.Errorf("VisibilityOf(%+v).Allows(%+v) = %v, Can = %v", a, res, got, want)
				}
			}
		}
	}
}

func BenchmarkCan(b *testing.B) {
	actor := Actor{UserID: 1, Role: Analis, Clearance: Terbatas, AgencyPath: pathJambi}
	res := Resource{Classification: Terbatas, AgencyPath: pathKotaJambi}
	for b.Loop() {
		Can(actor, View, res)
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"", "/1/", "/1/20/300/", "/a/", "//", "/0/", "/-1/", "/99999999999999999999/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		path, err := ParsePath(s)
		if err != nil {
			return
		}
		for _, id := range path {
			if id <= 0 {
				t.Fatalf("ParsePath(%q) = %v: contains a non-positive ID", s, path)
			}
		}
		again, err := ParsePath(PathString(path))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(path) {
			t.Fatalf("ParsePath(PathString(%v)) = %v, %v", path, again, err)
		}
	})
}
