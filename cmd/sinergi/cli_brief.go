package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/brief"
	"github.com/sinergi-id/sinergi/i18n"
)

// briefCmd is `sinergi brief generate`: an agency's leadership brief for
// the 24 hours up to --at (default now), stored as an immutable snapshot
// like the daily one and written as PDF and, if asked, HTML.
func (c *cli) briefCmd(args []string) error {
	if len(args) == 0 || args[0] != "generate" {
		return usageError{errors.New("pilih / want: brief generate --agency A [--at \"2026-11-23 06:00\"] --out FILE.pdf [--html FILE]")}
	}
	cfg := NewMain().Config
	fs := c.flags("brief generate", &cfg)
	agencyRef := fs.String("agency", "", "agency (ID or exact name) whose brief it is")
	atFlag := fs.String("at", "", `end of the 24-hour window in the agency's time zone, "2026-11-23 06:00" (default now)`)
	out := fs.String("out", "", "write the PDF to this file")
	htmlOut := fs.String("html", "", "also write the brief as an HTML document to this file")
	lang := fs.String("lang", "id", "language of the PDF and HTML: id or en")
	if _, err := c.parse(fs, &cfg, args[1:], 0); err != nil {
		return err
	}
	if *agencyRef == "" {
		return usageError{errors.New("--agency wajib / --agency is required")}
	}
	if *out == "" && *htmlOut == "" {
		return usageError{errors.New("--out atau --html wajib / --out or --html is required")}
	}
	l, ok := i18n.ParseLang(*lang)
	if !ok {
		return usageError{fmt.Errorf("--lang: %q bukan id atau en / is not id or en", *lang)}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	a, err := resolveAgency(c, m, *agencyRef)
	if err != nil {
		return err
	}
	var at time.Time
	if *atFlag != "" {
		if at, err = parseLocalTime(*atFlag, a.Location()); err != nil {
			return usageError{fmt.Errorf("--at: %w", err)}
		}
	}
	snap, err := m.Services.Briefs.Create(c.ctx, access.SystemActor(), a.ID, at)
	if err != nil {
		return err
	}
	b, err := snap.Brief()
	if err != nil {
		return err
	}
	tr := m.Catalogs.Translator(l)
	if *out != "" {
		pdf, err := brief.PDF(b, tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, pdf, 0o640); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	if *htmlOut != "" {
		html, err := brief.HTML(b, tr, true)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*htmlOut, []byte(html), 0o640); err != nil {
			return fmt.Errorf("--html: %w", err)
		}
	}
	fmt.Fprintf(c.stdout, "Ringkasan %d untuk %s: %d berita, %d isu, %d lonjakan, %d penyebutan; SHA-256 %s / Brief saved.\n",
		snap.ID, a.Name, b.Items, len(b.Issues), len(b.Spikes), b.Mentions.Total, snap.SHA256)
	return nil
}

// parseLocalTime reads a time of day on a date, in loc: "2026-11-23 06:00",
// "2026-11-23 06.00", "2026-11-23T06:00", or RFC 3339 with its own offset.
func parseLocalTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	norm := strings.Replace(strings.Replace(s, "T", " ", 1), ".", ":", 1)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, norm, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q bukan waktu seperti / is not a time like \"2026-11-23 06:00\"", s)
}
