package brief

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/sinergi-id/sinergi"
	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/auth"
	"github.com/sinergi-id/sinergi/i18n"
	"github.com/sinergi-id/sinergi/mail"
)

// Outbox is where the briefs' e-mails wait to be sent; *mail.Outbox sends
// them (Kick: now, without waiting for the periodic job).
type Outbox interface {
	Kick()
}

// OutboxOrigin is the origin of the briefs' e-mails in the mail outbox,
// with the brief's ID.
const OutboxOrigin = "brief"

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
		var mails func(int64) ([]*mail.Outgoing, error)
		if err == nil {
			mails, err = s.mails(ctx, snap)
		}
		if err == nil {
			err = s.save(ctx, access.SystemActor(), a, snap, mails)
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
	}
	if made > 0 && s.outbox != nil {
		s.outbox.Kick()
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

// mails renders a scheduled brief's e-mails, one to each of its agency's
// recipients, in their language, with the PDF attached, and returns what
// save hands the store: a function that, given the stored brief's ID,
// returns them for the mail outbox, so that the brief and its e-mails
// are stored in one transaction (a crash between the two loses neither).
// The outbox sends them, retrying while the mail server is down. Without
// an Outbox, without anyone to send to, or when the e-mail cannot be
// rendered, it returns nil; it fails only when the recipients cannot be
// read, so that the brief is made again at the next run.
func (s *Service) mails(ctx context.Context, snap *Snapshot) (func(id int64) ([]*mail.Outgoing, error), error) {
	if s.outbox == nil {
		return nil, nil
	}
	b, err := snap.Brief()
	if err != nil {
		return nil, err
	}
	recipients, err := s.Recipients(ctx, snap.AgencyID)
	if err != nil {
		return nil, err
	}
	rendered := map[i18n.Lang]mail.Message{}
	var msgs []mail.Message
	for _, u := range recipients {
		// The brief was cut for its recipients then; one whose clearance
		// fell since does not get it.
		if u.Clearance < snap.Classification {
			continue
		}
		l := langOf(u)
		m, ok := rendered[l]
		if !ok {
			if m, err = s.mailOf(b, l); err != nil {
				// Not a reason to keep the brief off the web: it is
				// stored without e-mails, and the error logged.
				s.log.Error("brief e-mail not rendered", "agency_id", snap.AgencyID, "lang", l, "err", err)
				return nil, nil
			}
			rendered[l] = m
		}
		m.To = []string{u.Email}
		if err := mail.Check(&m); err != nil { // an address the mail server would refuse
			s.log.Warn("brief e-mail not queued", "agency_id", snap.AgencyID, "user_id", u.ID, "err", err)
			continue
		}
		msgs = append(msgs, m)
	}
	if len(msgs) == 0 {
		return nil, nil
	}
	now := s.clock.Now()
	return func(id int64) ([]*mail.Outgoing, error) {
		out := make([]*mail.Outgoing, len(msgs))
		for i, m := range msgs {
			m.Attachments = slices.Clone(m.Attachments)
			m.Attachments[0].Name = FileName(b, id)
			o, err := mail.NewOutgoing(OutboxOrigin, id, m, now)
			if err != nil {
				return nil, fmt.Errorf("brief: e-mail of %d: %w", id, err)
			}
			out[i] = o
		}
		return out, nil
	}, nil
}

// langOf is the language a user reads, Indonesian by default.
func langOf(u *auth.User) i18n.Lang {
	if l, ok := i18n.ParseLang(u.Language); ok {
		return l
	}
	return i18n.ID
}

// mailOf renders a brief as an e-mail in language l, without recipients.
// Its one attachment, the PDF, is named as if the brief's ID were 0 until
// the brief is stored and has one.
func (s *Service) mailOf(b *Brief, l i18n.Lang) (mail.Message, error) {
	tr := s.catalogs.Translator(l)
	html, err := HTML(b, tr, true)
	if err != nil {
		return mail.Message{}, err
	}
	pdf, err := PDF(b, tr)
	if err != nil {
		return mail.Message{}, err
	}
	loc := zoneOf(b)
	subject := tr.T("brief.mail.subject", b.Agency.Name, tr.Date(b.Until, loc, b.Agency.TimeZone))
	text := tr.T("brief.mail.text", b.Agency.Name, tr.DateTime(b.Since, loc, b.Agency.TimeZone),
		tr.DateTime(b.Until, loc, b.Agency.TimeZone), b.Items, len(b.Issues), len(b.Spikes), b.Mentions.Total)
	return mail.Message{Subject: subject, Text: text, HTML: string(html),
		Attachments: []mail.Attachment{{Name: FileName(b, 0), ContentType: "application/pdf", Data: pdf}}}, nil
}

// FileName is the name of a brief's PDF: "brief-12-2026-11-23.pdf".
func FileName(b *Brief, id int64) string {
	return fmt.Sprintf("brief-%d-%s.pdf", id, b.Until.In(zoneOf(b)).Format(time.DateOnly))
}
