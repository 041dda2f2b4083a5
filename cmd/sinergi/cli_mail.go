package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sinergi-id/sinergi/mail"
)

// The mail outbox at the console: what waits, went or failed (Tangkal's
// alerts, the briefs), and failed messages sent again once the mail
// server is put right.
func (c *cli) mailCmd(args []string) error {
	return dispatch(args, subcommand{"list", c.mailList}, subcommand{"retry", c.mailRetry})
}

type outgoingJSON struct {
	ID          int64     `json:"id"`
	Origin      string    `json:"origin"`
	OriginID    int64     `json:"origin_id"`
	To          []string  `json:"to"`
	Subject     string    `json:"subject"`
	Status      string    `json:"status"`
	Attempts    int       `json:"attempts"`
	NextAttempt time.Time `json:"next_attempt"`
	LastError   string    `json:"last_error,omitempty"`
	Created     time.Time `json:"created"`
	Sent        time.Time `json:"sent,omitzero"`
}

func (c *cli) mailList(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("mail list", &cfg)
	fs.BoolVar(&cfg.JSON, "json", false, "print JSON")
	status := fs.String("status", "", "only messages in this state: pending, sent or failed")
	limit := fs.Int("limit", 100, "at most this many messages, newest first")
	if _, err := c.parse(fs, &cfg, args, 0); err != nil {
		return err
	}
	switch mail.OutboxStatus(*status) {
	case "", mail.OutboxPending, mail.OutboxSent, mail.OutboxFailed:
	default:
		return usageError{fmt.Errorf("--status: %q bukan pending, sent atau failed / is not pending, sent or failed", *status)}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	list, err := m.DB.ListOutgoing(c.ctx, mail.OutboxStatus(*status), *limit)
	if err != nil {
		return err
	}
	if cfg.JSON {
		out := make([]outgoingJSON, 0, len(list))
		for _, o := range list {
			out = append(out, outgoingJSON{o.ID, o.Origin, o.OriginID, o.Message.To, o.Message.Subject, string(o.Status),
				o.Attempts, o.NextAttempt, o.LastError, o.Created, o.Sent})
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tASAL / ORIGIN\tKEPADA / TO\tSTATUS\tPERCOBAAN / ATTEMPTS\tDIBUAT / CREATED (UTC)\tGALAT / ERROR")
	for _, o := range list {
		fmt.Fprintf(tw, "%d\t%s %d\t%s\t%s\t%d\t%s\t%s\n", o.ID, o.Origin, o.OriginID, strings.Join(o.Message.To, ", "), o.Status,
			o.Attempts, o.Created.Format("2006-01-02 15:04"), o.LastError)
	}
	return tw.Flush()
}

func (c *cli) mailRetry(args []string) error {
	cfg := NewMain().Config
	fs := c.flags("mail retry", &cfg)
	all := fs.Bool("failed", false, "send every failed message again")
	rest, err := c.parse(fs, &cfg, args, -1)
	if err != nil {
		return err
	}
	if *all == (len(rest) > 0) {
		return usageError{fmt.Errorf("sebutkan ID pesan atau --failed / name message IDs or --failed")}
	}
	ids := make([]int64, len(rest))
	for i, a := range rest {
		if ids[i], err = strconv.ParseInt(a, 10, 64); err != nil || ids[i] <= 0 {
			return usageError{fmt.Errorf("%q bukan ID pesan / is not a message ID", a)}
		}
	}
	m, err := c.open(cfg)
	if err != nil {
		return err
	}
	defer m.Close()
	n, err := m.DB.RetryOutgoing(c.ctx, ids, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d pesan gagal dijadwalkan ulang; server yang berjalan mengirimnya dalam beberapa detik. / %d failed messages queued again; a running server sends them within seconds.\n", n, n)
	return nil
}
