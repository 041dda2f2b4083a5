package main

import (
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi/audit"
	"github.com/sinergi-id/sinergi/i18n"
)

func (c *cli) audit(args []string) error {
	return dispatch(args, subcommand{"verify", c.auditVerify}, subcommand{"list", c.auditList})
}

// errChainBroken makes `audit verify` exit with status 1.
var errChainBroken = errors.New("audit chain broken")

func (c *cli) auditVerify(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("audit verify", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	rep, err := m.Services.Audit.Verify(c.ctx)
	if err != nil {
		return err
	}
	if cfg.JSON {
		if err := c.writeJSON(struct {
			Entries  int64  `json:"entries"`
			OK       bool   `json:"ok"`
			BrokenAt int64  `json:"broken_at,omitempty"`
			Reason   string `json:"reason,omitempty"`
		}{rep.Entries, rep.OK, rep.BrokenAt, rep.Reason}); err != nil {
			return err
		}
	} else if rep.OK {
		fmt.Fprintf(c.stdout, "Log audit utuh: %d entri diperiksa. / Audit log intact: %d entries checked.\n", rep.Entries, rep.Entries)
	}
	if !rep.OK {
		return fmt.Errorf("%w: rantai rusak mulai entri %d / broken at entry %d: %s", errChainBroken, rep.BrokenAt, rep.BrokenAt, rep.Reason)
	}
	return nil
}

type entryJSON struct {
	Seq        int64     `json:"seq"`
	Time       time.Time `json:"time"`
	ActorID    int64     `json:"actor_id"`
	ActorName  string    `json:"actor_name"`
	AgencyID   int64     `json:"agency_id"`
	Action     string    `json:"action"`
	TargetType string    `json:"target_type"`
	TargetID   string    `json:"target_id"`
	Summary    string    `json:"summary"`
	Args       []string  `json:"summary_args"`
	Address    string    `json:"address,omitempty"`
	Hash       string    `json:"hash"`
}

func (c *cli) auditList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("audit list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	var f audit.Filter
	fs.StringVar(&f.Action, "action", "", "only actions starting with this, e.g. auth.")
	fs.IntVar(&f.Limit, "limit", 100, "at most this many entries, newest first")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	entries, _, err := m.Services.Audit.Find(c.ctx, f)
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]entryJSON, 0, len(entries))
		for _, e := range entries {
			out = append(out, entryJSON{e.Seq, e.Time, e.ActorID, e.ActorName, e.AgencyID, e.Action, e.TargetType, e.TargetID, e.Summary, e.SummaryArgs, e.Address, e.Hash})
		}
		return c.writeJSON(out)
	}
	tr := m.Catalogs.Translator(i18n.ID)
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NO\tWAKTU (UTC)\tPELAKU\tAKSI\tRINGKASAN")
	for _, e := range entries {
		args := make([]any, len(e.SummaryArgs))
		for i, a := range e.SummaryArgs {
			args[i] = a
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.Seq, e.Time.Format("2006-01-02 15:04:05"), e.ActorName, e.Action, tr.T(e.Summary, args...))
	}
	return tw.Flush()
}
