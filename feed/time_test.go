package feed

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC; "" for not a date
	}{
		{"Senin, 23 Nov 2026 10:00:00 WIB", "2026-11-23T03:00:00Z"},
		{"Senin, 23 Nov 2026 10:00:00 +0700", "2026-11-23T03:00:00Z"},
		{"Mon, 23 Nov 2026 10:00:00 +0700", "2026-11-23T03:00:00Z"},
		{"Mon, 23 Nov 2026 03:00:00 GMT", "2026-11-23T03:00:00Z"},
		{"Selasa, 24 November 2026 08:15 WITA", "2026-11-24T00:15:00Z"},
		{"Rabu, 25 Desember 2026 09:30 WIT", "2026-12-25T00:30:00Z"},
		{"Kamis, 5 Agustus 2026 | 10:00 WIB", "2026-08-05T03:00:00Z"},
		{"Jumat, 7 Agu 2026 - 10.00 WIB", "2026-08-07T03:00:00Z"},
		{"Jum'at, 7 Ags 2026 pukul 10.00", "2026-08-07T03:00:00Z"},
		{"Jum’at, 7 Agt 2026 10:00", "2026-08-07T03:00:00Z"},
		{"Sabtu, 1 Mei 2026 00:00:00 WIB", "2026-04-30T17:00:00Z"},
		{"Minggu, 14 Juni 2026 18:00 WIB", "2026-06-14T11:00:00Z"},
		{"Senin 6 Juli 2026 07:00 WIB", "2026-07-06T00:00:00Z"},
		{"2 Januari 2026", "2026-01-01T17:00:00Z"},
		{"20 Februari 2026 10:00 WIB", "2026-02-20T03:00:00Z"},
		{"20 Pebruari 2026 10:00 WIB", "2026-02-20T03:00:00Z"},
		{"3 Maret 2026 10:00", "2026-03-03T03:00:00Z"},
		{"15 Okt 2026 10:00 WIB", "2026-10-15T03:00:00Z"},
		{"10 Oktober 2026 10:00 WIB", "2026-10-10T03:00:00Z"},
		{"30 Nopember 2026 10:00 WIB", "2026-11-30T03:00:00Z"},
		{"9 Sep 2026 10:00 WIB", "2026-09-09T03:00:00Z"},
		{"12 Des 2026, 10:00 WIB", "2026-12-12T03:00:00Z"},
		{"23/11/2026 10:00", "2026-11-23T03:00:00Z"},
		{"23-11-2026 10:00:00 WIB", "2026-11-23T03:00:00Z"},
		{"2026-11-23 10:00:00", "2026-11-23T03:00:00Z"},
		{"2026-11-23T10:00:00", "2026-11-23T03:00:00Z"},
		{"2026-11-23T10:00:00+07:00", "2026-11-23T03:00:00Z"},
		{"2026-11-23T03:00:00.123Z", "2026-11-23T03:00:00.123Z"},
		{"2026-11-23", "2026-11-22T17:00:00Z"},
		{"Mon, 23 Nov 26 10:00 +0700", "2026-11-23T03:00:00Z"},
		{"Monday, 23-Nov-26 10:00:00 GMT+7", "2026-11-23T03:00:00Z"},
		{"November 23, 2026 3:04 PM", "2026-11-23T08:04:00Z"},
		{"Senin, 23 Nov 2026 10:00:00 +0700 (WIB)", "2026-11-23T03:00:00Z"},
		{"Diperbarui: Senin, 23 Nov 2026 10:00 WIB", "2026-11-23T03:00:00Z"},
		{"31 Juni 2026", ""},
		{"30 Februari 2026", ""},
		{"23 Nov 2026 25:00", ""},
		{"2 jam yang lalu", ""},
		{"kemarin", ""},
		{"Senin", ""},
		{"10:00 WIB", ""},
		{"", ""},
		{"23 Nov 2026 10:00 EST", ""}, // not ours: gofeed knows EST
	}
	for _, tt := range tests {
		got, ok := ParseTime(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("ParseTime(%q) = %v, true; want false", tt.in, got)
			}
			continue
		}
		if !ok || !got.Equal(utc(tt.want)) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}

func TestPickTime(t *testing.T) {
	fromGofeed := func(s string) *time.Time { t := utc(s); return &t }
	tests := []struct {
		raw    string
		parsed *time.Time
		want   string
	}{
		// gofeed reads an unknown zone name and a missing zone as UTC.
		{"Mon, 23 Nov 2026 10:00:00 WIB", fromGofeed("2026-11-23T10:00:00Z"), "2026-11-23T03:00:00Z"},
		{"2026-11-23 10:00:00", fromGofeed("2026-11-23T10:00:00Z"), "2026-11-23T03:00:00Z"},
		// An explicit zone: gofeed's reading stands.
		{"Mon, 23 Nov 2026 10:00:00 +0700", fromGofeed("2026-11-23T03:00:00Z"), "2026-11-23T03:00:00Z"},
		// A zone only gofeed knows.
		{"23 Nov 2026 10:00 EST", fromGofeed("2026-11-23T15:00:00Z"), "2026-11-23T15:00:00Z"},
		// gofeed failed.
		{"Senin, 23 Nov 2026 10:00:00 WIB", nil, "2026-11-23T03:00:00Z"},
		{"sebentar lagi", nil, ""},
	}
	for _, tt := range tests {
		got := pickTime(tt.raw, tt.parsed)
		want := time.Time{}
		if tt.want != "" {
			want = utc(tt.want)
		}
		if !got.Equal(want) {
			t.Errorf("pickTime(%q, %v) = %v, want %v", tt.raw, tt.parsed, got, want)
		}
	}
}
