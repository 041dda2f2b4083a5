package region

import (
	"testing"
	"time"
)

func TestTimeZoneOfEveryProvince(t *testing.T) {
	want := map[Code]TimeZone{
		"11": WIB, "12": WIB, "13": WIB, "14": WIB, "15": WIB, "16": WIB, "17": WIB, "18": WIB,
		"19": WIB, "21": WIB, "31": WIB, "32": WIB, "33": WIB, "34": WIB, "35": WIB, "36": WIB,
		"51": WITA, "52": WITA, "53": WITA,
		"61": WIB, "62": WIB, "63": WITA, "64": WITA, "65": WITA,
		"71": WITA, "72": WITA, "73": WITA, "74": WITA, "75": WITA, "76": WITA,
		"81": WIT, "82": WIT,
		"91": WIT, "92": WIT, "93": WIT, "94": WIT, "95": WIT, "96": WIT,
	}
	g := gazetteer(t)
	provinces := g.Provinces()
	if len(provinces) != len(want) {
		t.Fatalf("Provinces() has %d regions, the table %d", len(provinces), len(want))
	}
	for _, p := range provinces {
		zone, ok := want[p.Code]
		if !ok {
			t.Errorf("province %s %s missing from the table", p.Code, p.Name)
			continue
		}
		if got := TimeZoneOf(p.Code); got != zone {
			t.Errorf("TimeZoneOf(%q) (%s) = %s, want %s", p.Code, p.Name, got, zone)
		}
		// Every region below a province shares its zone.
		for _, c := range g.Children(p.Code) {
			if got := c.TimeZone(); got != zone {
				t.Errorf("%s %s TimeZone() = %s, want %s", c.Code, c.Name, got, zone)
			}
		}
	}
}

func TestTimeZoneOfOther(t *testing.T) {
	tests := []struct {
		c    Code
		want TimeZone
	}{
		{"51.71.01.1001", WITA}, // Denpasar
		{"94.71", WIT},          // no such regency, but a Papua Tengah code
		{"99", WIB},             // unknown province
		{"", WIB},
		{"garbage", WIB},
	}
	for _, tt := range tests {
		if got := TimeZoneOf(tt.c); got != tt.want {
			t.Errorf("TimeZoneOf(%q) = %s, want %s", tt.c, got, tt.want)
		}
	}
}

func TestTimeZoneLocation(t *testing.T) {
	noon := time.Date(2025, 8, 17, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		z      TimeZone
		name   string
		offset int
		hour   int
	}{
		{WIB, "WIB", 7 * 3600, 10},
		{WITA, "WITA", 8 * 3600, 11},
		{WIT, "WIT", 9 * 3600, 12},
		{"", "WIB", 7 * 3600, 10},
		{"CET", "WIB", 7 * 3600, 10},
	}
	for _, tt := range tests {
		local := noon.In(tt.z.Location())
		name, offset := local.Zone()
		if name != tt.name || offset != tt.offset || local.Hour() != tt.hour {
			t.Errorf("%q.Location(): zone %s%+d, hour %d; want %s%+d, hour %d",
				tt.z, name, offset, local.Hour(), tt.name, tt.offset, tt.hour)
		}
		if got := tt.z.Offset(); got != time.Duration(tt.offset)*time.Second {
			t.Errorf("%q.Offset() = %v, want %ds", tt.z, got, tt.offset)
		}
	}
}
