package importer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/hoax"
	"github.com/sinergi-id/sinergi/hoax/claimreview"
)

// pratiwiChecker names who labelled the Pratiwi set.
const pratiwiChecker = "Pratiwi, Asmara & Rahutomo (2017)"

// readPratiwi reads the Pratiwi et al. hoax set: its CSV (berita;tagging,
// ;-separated, Windows-1252 unless the file is valid UTF-8) or its JSON
// lines ({"text", "label"}). Rows labelled Hoax are claims (the title is
// the text's first sentence); Valid rows are skipped. The key is
// "pratiwi:" and a hash of the whitespace-normalised text, so the CSV and
// the JSON lines of one row give the same claim.
func readPratiwi(r io.Reader, c *collector) error {
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	if t := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\ufeff"))); len(t) > 0 && t[0] == '{' {
		return jsonLines(br, c, func(line int, b []byte) {
			var rec struct{ Text, Label string }
			if err := json.Unmarshal(b, &rec); err != nil {
				c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.json", err.Error()))
				return
			}
			pratiwiClaim(c, line, rec.Text, rec.Label)
		})
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return err
	}
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.encoding")
		}
	}
	return csvRecords(bytes.NewReader(data), ';', c, []string{"berita", "tagging"}, func(line int, rec map[string]string) {
		pratiwiClaim(c, line, rec["berita"], rec["tagging"])
	})
}

func pratiwiClaim(c *collector, line int, text, label string) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "valid":
		c.skip(SkipValid)
		return
	case "hoax", "hoaks":
	default:
		c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.label", label))
		return
	}
	if strings.TrimSpace(text) == "" {
		c.fail(line, 0, sinergi.Errorf(sinergi.KindInvalid, "hoax.import.error.field", "text"))
		return
	}
	c.add(line, 0, &hoax.Claim{
		Key: claimreview.HashKey(string(FormatPratiwi), text), Claim: text,
		Verdict: hoax.Verdict{Vocabulary: hoax.VocabPratiwi, Label: "Hoax"}, FactChecker: pratiwiChecker,
	})
}
