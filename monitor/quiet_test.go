package monitor_test

import (
	"testing"
	"time"

	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/region"
)

func TestQuietAt(t *testing.T) {
	utc := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	for _, tt := range []struct {
		quiet string
		zone  region.TimeZone
		now   time.Time
		want  bool
		end   time.Time
	}{
		{"22:00-06:00", region.WIB, utc(15, 0), true, utc(23, 0)},    // 22.00 WIB
		{"22:00-06:00", region.WIB, utc(14, 59), false, time.Time{}}, // 21.59 WIB
		{"22:00-06:00", region.WIB, utc(22, 59), true, utc(23, 0)},   // 05.59 WIB
		{"22:00-06:00", region.WIB, utc(23, 0), false, time.Time{}},  // 06.00 WIB
		{"22:00-06:00", region.WIT, utc(13, 30), true, utc(21, 0)},   // 22.30 WIT
		{"12:00-13:00", region.WITA, utc(4, 15), true, utc(5, 0)},    // 12.15 WITA
		{"12:00-13:00", region.WITA, utc(5, 0), false, time.Time{}},  // 13.00 WITA
		{"", region.WIB, utc(16, 0), false, time.Time{}},             // none
		{"23:30-00:30", region.WIB, utc(17, 0), true, utc(17, 30)},   // 00.00 WIB
		{"23:30-00:30", region.WIB, utc(16, 45), true, utc(17, 30)},  // 23.45 WIB
	} {
		ss := &monitor.SavedSearch{QuietHours: tt.quiet, TimeZone: tt.zone}
		got, end := ss.QuietAt(tt.now)
		if got != tt.want || !end.Equal(tt.end) {
			t.Errorf("QuietAt(%s %s, %v) = %v, %v; want %v, %v", tt.quiet, tt.zone, tt.now, got, end, tt.want, tt.end)
		}
	}
}
