package brief

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
)

// Mail is a brief as an e-mail: its recipients, subject, plain text, HTML
// and the PDF attached.
type Mail struct {
	To         []string
	Subject    string
	Text, HTML string
	Attachment Attachment
}

// Attachment is a file attached to a mail.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Mailer sends a mail; package mail's sender is wired to it by main.
type Mailer func(ctx context.Context, m Mail) error

// maxAgencies is the most agencies one schedule run considers.
const maxAgencies = 10_000

// GenerateDue makes the scheduled brief of every agency whose local time
// of day (BriefAt, default 06.00 in its zone) has come today and that has
// no brief for today yet, and mails each to its recipients. The window of a
// brief made late (the server was down at 06.00) still ends at 06.00. A
// day's brief is unique per agency in the database, so processes sharing
// the work never make it twice. It returns how many briefs it made.
func (s *Service) GenerateDue(ctx context.Context) (int, error) {
	agencies, _, err := s.agencies.List(ctx, agency.Filter{Limit: maxAgencies})
	if err != nil {
		return 0, fmt.Errorf("brief: schedule: %w", err)
	}
	latest, err := s.store.LatestBriefDays(ctx)
	if err != nil {
		return 0, fmt.Errorf("brief: schedule: %w", err)
	}
	now := s.clock.Now()
	made := 0
	var errs []error
	for _, a := range agencies {
		day, at, ok := Due(a, now)
		if !ok || latest[a.ID] >= day {
			continue
		}
		snap, err := s.make(ctx, a, at, day)
		if err == nil {
			err = s.save(ctx, access.SystemActor(), a, snap)
		}
		if errors.Is(err, sinergi.ErrConflict) {
			continue // another process made it
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		made++
		s.log.Info("brief made", "agency_id", a.ID, "brief_id", snap.ID, "day", day)
		if err := s.Send(ctx, snap); err != nil {
			s.log.Error("brief not sent", "agency_id", a.ID, "brief_id", snap.ID, "err", err)
		}
	}
	return made, errors.Join(errs...)
}

// Due returns the agency's local date and the time of its brief today when
// that time has come at now.
func Due(a *agency.Agency, now time.Time) (day string, at time.Time, ok bool) {
	h, m, err := agency.ParseBriefAt(a.BriefAt)
	if err != nil {
		h, m, _ = agency.ParseBriefAt(agency.DefaultBriefAt)
	}
	local := now.In(a.Location())
	at = time.Date(local.Year(), local.Month(), local.Day(), h, m, 0, 0, a.Location())
	if local.Before(at) {
		return "", time.Time{}, false
	}
	return local.Format(time.DateOnly), at.UTC(), true
}

// Send mails a stored brief to its agency's recipients, each language's
// readers their own mail, with the PDF attached. Without a Mailer it does
// nothing.
func (s *Service) Send(ctx context.Context, snap *Snapshot) error {
	if s.mail == nil {
		return nil
	}
	b, err := snap.Brief()
	if err != nil {
		return err
	}
	recipients, err := s.Recipients(ctx, snap.AgencyID)
	if err != nil {
		return err
	}
	byLang := map[i18n.Lang][]string{}
	for _, u := range recipients {
		// The brief was cut for its recipients then; one whose clearance
		// fell since does not get it.
		if u.Clearance < snap.Classification {
			continue
		}
		l := langOf(u)
		byLang[l] = append(byLang[l], u.Email)
	}
	var errs []error
	for _, l := range []i18n.Lang{i18n.ID, i18n.EN} {
		if len(byLang[l]) == 0 {
			continue
		}
		m, err := s.mailOf(b, snap, l)
		if err != nil {
			return err
		}
		m.To = byLang[l]
		if err := s.mail(ctx, m); err != nil {
			errs = append(errs, fmt.Errorf("brief: send %d (%s): %w", snap.ID, l, err))
		}
	}
	return errors.Join(errs...)
}

// langOf is the language a user reads, Indonesian by default.
func langOf(u *auth.User) i18n.Lang {
	if l, ok := i18n.ParseLang(u.Language); ok {
		return l
	}
	return i18n.ID
}

// mailOf renders a brief as a mail in language l.
func (s *Service) mailOf(b *Brief, snap *Snapshot, l i18n.Lang) (Mail, error) {
	tr := s.catalogs.Translator(l)
	html, err := HTML(b, tr, true)
	if err != nil {
		return Mail{}, err
	}
	pdf, err := PDF(b, tr)
	if err != nil {
		return Mail{}, err
	}
	loc := zoneOf(b)
	subject := tr.T("brief.mail.subject", b.Agency.Name, tr.Date(b.Until, loc, b.Agency.TimeZone))
	text := tr.T("brief.mail.text", b.Agency.Name, tr.DateTime(b.Since, loc, b.Agency.TimeZone),
		tr.DateTime(b.Until, loc, b.Agency.TimeZone), b.Items, len(b.Issues), len(b.Spikes), b.Mentions.Total)
	return Mail{Subject: subject, Text: text, HTML: string(html),
		Attachment: Attachment{Name: FileName(b, snap.ID), ContentType: "application/pdf", Data: pdf}}, nil
}

// FileName is the name of a brief's PDF: "brief-12-2026-11-23.pdf".
func FileName(b *Brief, id int64) string {
	return fmt.Sprintf("brief-%d-%s.pdf", id, b.Until.In(zoneOf(b)).Format(time.DateOnly))
}
