package agency

import (
	"testing"
)

func TestTree(t *testing.T) {
	list := []*Agency{
		{ID: 1, Name: "Puspen Kemendagri", Path: []ID{1}},
		{ID: 4, ParentID: 1, Name: "Diskominfo DIY", Path: []ID{1, 4}},
		{ID: 2, ParentID: 1, Name: "Biro Humas Setda Aceh", Path: []ID{1, 2}},
		{ID: 3, ParentID: 2, Name: "Humas Kota Banda Aceh", Path: []ID{1, 2, 3}},
		{ID: 9, ParentID: 8, Name: "anak yatim", Path: []ID{8, 9}}, // parent not in the list
		{ID: 5, Name: "Divhumas Polri", Path: []ID{5}},
	}
	roots := Tree(list)
	var names []string
	var walk func([]*Node, string)
	walk = func(ns []*Node, indent string) {
		for _, n := range ns {
			names = append(names, indent+n.Name)
			walk(n.Children, indent+"  ")
		}
	}
	walk(roots, "")
	want := []string{
		"anak yatim",
		"Divhumas Polri",
		"Puspen Kemendagri",
		"  Biro Humas Setda Aceh",
		"    Humas Kota Banda Aceh",
		"  Diskominfo DIY",
	}
	if len(names) != len(want) {
		t.Fatalf("Tree = %q, want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("Tree line %d = %q, want %q", i, names[i], want[i])
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(" " + string(k) + " "); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseKind("kecamatan"); err == nil {
		t.Error(`ParseKind("kecamatan") succeeded`)
	}
	for k, want := range map[Kind]bool{Provinsi: true, Kabupaten: true, Kota: true, Kementerian: false, BUMD: false} {
		if k.Regional() != want {
			t.Errorf("%s.Regional() = %v, want %v", k, !want, want)
		}
	}
}

func TestParseBriefAt(t *testing.T) {
	for _, tc := range []struct {
		in         string
		hour, mins int
		ok         bool
	}{
		{"06:00", 6, 0, true},
		{"06.30", 6, 30, true},
		{" 7:05 ", 7, 5, true},
		{"23:59", 23, 59, true},
		{"24:00", 0, 0, false},
		{"6", 0, 0, false},
		{"pagi", 0, 0, false},
		{"", 0, 0, false},
	} {
		h, m, err := ParseBriefAt(tc.in)
		if (err == nil) != tc.ok || tc.ok && (h != tc.hour || m != tc.mins) {
			t.Errorf("ParseBriefAt(%q) = %d, %d, %v; want %d, %d, ok %v", tc.in, h, m, err, tc.hour, tc.mins, tc.ok)
		}
	}
}
