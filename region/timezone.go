package region

import (
	"fmt"
	"strings"
	"time"
)

// TimeZone is one of Indonesia's three legal time zones.
type TimeZone string

// The three zones. Each has a fixed offset: Indonesia keeps no daylight
// saving time.
const (
	WIB  TimeZone = "WIB"  // Waktu Indonesia Barat, UTC+7 (Asia/Jakarta)
	WITA TimeZone = "WITA" // Waktu Indonesia Tengah, UTC+8 (Asia/Makassar)
	WIT  TimeZone = "WIT"  // Waktu Indonesia Timur, UTC+9 (Asia/Jayapura)
)

// Offset returns the zone's offset from UTC. An unknown zone counts as WIB,
// as in TimeZoneOf.
func (z TimeZone) Offset() time.Duration {
	switch z {
	case WITA:
		return 8 * time.Hour
	case WIT:
		return 9 * time.Hour
	}
	return 7 * time.Hour
}

// Location returns a fixed-offset location named after the zone ("WIB",
// "WITA" or "WIT"). It is built with time.FixedZone rather than loaded from
// tzdata, so it works on systems without a time zone database; the offsets
// match Asia/Jakarta, Asia/Makassar and Asia/Jayapura. An unknown zone gives
// the WIB location.
func (z TimeZone) Location() *time.Location {
	name := z
	if z != WITA && z != WIT {
		name = WIB
	}
	return time.FixedZone(string(name), int(z.Offset()/time.Second))
}

// TimeZoneOf returns the time zone of the province c lies in. Province codes
// follow the islands from west to east: WIB covers Sumatra (11–21), Java
// (31–36), Kalimantan Barat (61) and Kalimantan Tengah (62); WITA covers
// Bali and Nusa Tenggara (51–53), Kalimantan Selatan, Timur and Utara
// (63–65) and Sulawesi (71–76); WIT covers Maluku, Maluku Utara (81, 82) and
// the Papua provinces (91–96). A malformed or unknown code gives WIB, the
// zone of most of the population.
func TimeZoneOf(c Code) TimeZone {
	p := c.Province()
	switch {
	case p >= "51" && p <= "53", p >= "63" && p <= "65", p >= "71" && p <= "76":
		return WITA
	case p == "81", p == "82", p >= "91" && p <= "96":
		return WIT
	}
	return WIB
}

// ParseTimeZone parses "WIB", "WITA" or "WIT" in any case.
func ParseTimeZone(s string) (TimeZone, error) {
	switch z := TimeZone(strings.ToUpper(strings.TrimSpace(s))); z {
	case WIB, WITA, WIT:
		return z, nil
	}
	return "", fmt.Errorf("region: unknown time zone %q (want WIB, WITA or WIT)", s)
}
