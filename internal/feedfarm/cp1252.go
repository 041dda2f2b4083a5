package feedfarm

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"
)

// cp1252Feed returns a valid one-item feed encoded in Windows-1252 and
// declared so, whose title is CP1252Title.
func cp1252Feed() []byte {
	link := "https://uji.example.id/cp1252/1"
	doc := rssDoc{Version: "2.0", Channel: rssChannel{
		Title: "Umpan uji Windows-1252", Link: "https://uji.example.id/", Description: "Umpan dalam pengodean lama", Language: "id",
		Items: []rssItem{{
			Title: CP1252Title, Link: link, GUID: rssGUID{IsPermaLink: "true", Value: link},
			PubDate:     time.Date(2025, 1, 6, 9, 0, 0, 0, wib()).Format(time.RFC1123Z),
			Description: "Pengunjung menikmati crème brûlée dan kopi seharga 2 € per cangkir… sampai pukul sembilan.",
		}},
	}}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("feedfarm: render cp1252 feed: " + err.Error()) // the types always marshal
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="windows-1252"?>` + "\n")
	b.Write(encodeCP1252(string(body)))
	return b.Bytes()
}

// encodeCP1252 encodes s in Windows-1252. It panics on a character that
// encoding lacks: the texts it is given are constants of this package.
func encodeCP1252(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch b, ok := cp1252High(r); {
		case r < 0x80 || (r >= 0xA0 && r <= 0xFF):
			out = append(out, byte(r))
		case ok:
			out = append(out, b)
		default:
			panic(fmt.Sprintf("feedfarm: %q has no Windows-1252 byte", r))
		}
	}
	return out
}

// cp1252High returns the byte in 0x80-0x9F that Windows-1252 gives r,
// where ISO 8859-1 has control characters.
func cp1252High(r rune) (byte, bool) {
	const high = "€\x00‚ƒ„…†‡ˆ‰Š‹Œ\x00Ž\x00\x00‘’“”•–—˜™š›œ\x00žŸ"
	i := 0
	for _, c := range high {
		if c == r && c != 0 {
			return byte(0x80 + i), true
		}
		i++
	}
	return 0, false
}
