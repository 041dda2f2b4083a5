package monitor

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/i18n"
)

// The content of the e-mails. Each names the saved search and its query,
// lists the items (title with the matched words marked: <mark> in HTML,
// plain in the text), their source and publication time in the agency's
// zone (WIB/WITA/WIT), and links back to the search's results and to each
// item. A user receives it in their language; an outside address in
// Indonesian with English below.

// mailList is how many items an e-mail lists; the rest are counted ("and N
// more") and on the search's results page.
const mailList = 20

// maxSubject is the longest subject, in runes: a long title is cut.
const maxSubject = 160

// mailSection is an e-mail's content in one language.
type mailSection struct {
	Lang       string
	Intro      string
	QueryLabel string
	Query      string
	Items      []mailItemView
	More       string
	LinkLabel  string
	Link       string
	Footer     string
	UnsubLabel string
	Unsub      string
}

type mailItemView struct {
	Title []archive.Fragment
	Meta  string // source · publication time
	URL   string
}

var mailHTML = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.4">
{{range $i, $s := .}}{{if $i}}<hr>{{end}}<div lang="{{.Lang}}">
<p>{{.Intro}}</p>
{{if .Query}}<p>{{.QueryLabel}}: <code>{{.Query}}</code></p>{{end}}
{{if .Items}}<ul>{{range .Items}}<li><strong>{{range .Title}}{{if .Hit}}<mark>{{.Text}}</mark>{{else}}{{.Text}}{{end}}{{end}}</strong><br>
<small>{{.Meta}}</small>{{if .URL}}<br><a href="{{.URL}}">{{.URL}}</a>{{end}}</li>
{{end}}</ul>{{end}}
{{if .More}}<p>{{.More}}</p>{{end}}
<p><a href="{{.Link}}">{{.LinkLabel}}</a></p>
<p style="font-size:small;color:#555">{{.Footer}}{{if .Unsub}} <a href="{{.Unsub}}">{{.UnsubLabel}}</a>{{end}}</p>
</div>
{{end}}</body></html>
`))

// mailText writes the sections as plain text.
func mailText(sections []mailSection) string {
	var b strings.Builder
	for i, s := range sections {
		if i > 0 {
			b.WriteString("\n----------------------------------------\n\n")
		}
		b.WriteString(s.Intro + "\n")
		if s.Query != "" {
			b.WriteString(s.QueryLabel + ": " + s.Query + "\n")
		}
		b.WriteString("\n")
		for _, it := range s.Items {
			b.WriteString("* ")
			for _, f := range it.Title {
				b.WriteString(f.Text)
			}
			b.WriteString("\n  " + it.Meta + "\n")
			if it.URL != "" {
				b.WriteString("  " + it.URL + "\n")
			}
			b.WriteString("\n")
		}
		if s.More != "" {
			b.WriteString(s.More + "\n\n")
		}
		b.WriteString(s.LinkLabel + ": " + s.Link + "\n\n-- \n" + s.Footer + "\n")
		if s.Unsub != "" {
			b.WriteString(s.UnsubLabel + ": " + s.Unsub + "\n")
		}
	}
	return b.String()
}

// langs returns the languages of a recipient's e-mails.
func (m *Mailer) langs(r *Recipient) []*i18n.Translator {
	if l, ok := i18n.ParseLang(r.Lang); ok && r.UserID != 0 {
		return []*i18n.Translator{m.catalogs.Translator(l)}
	}
	return []*i18n.Translator{m.catalogs.Translator(i18n.ID), m.catalogs.Translator(i18n.EN)}
}

// email assembles an e-mail from its sections.
func (m *Mailer) email(r *Recipient, subject string, sections []mailSection, unsub string) *Email {
	var html bytes.Buffer
	if err := mailHTML.Execute(&html, sections); err != nil {
		m.log.Error("mail template", "err", err) // the template is fixed: a bug
	}
	if runes := []rune(subject); len(runes) > maxSubject {
		subject = string(runes[:maxSubject-1]) + "…"
	}
	e := &Email{To: r.Address, Subject: subject, Text: mailText(sections), HTML: html.String(),
		Header: map[string]string{"Auto-Submitted": "auto-generated"}}
	if unsub != "" {
		e.Header["List-Unsubscribe"] = "<" + unsub + ">"
		e.Header["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	return e
}

// confirmEmail asks an outside address to confirm, by a link to a page
// whose button confirms (a scanner that opens the link confirms nothing).
func (m *Mailer) confirmEmail(d *MailDelivery, token string) *Email {
	link := m.publicURL + "/surel/konfirmasi/" + token
	trs := m.langs(d.Recipient)
	var sections []mailSection
	for _, tr := range trs {
		sections = append(sections, mailSection{Lang: string(tr.Lang()),
			Intro:      tr.T("mail.confirm.intro", d.Search.Name),
			QueryLabel: tr.T("mail.query"), Query: d.Search.Query,
			LinkLabel: tr.T("mail.confirm.link"), Link: link,
			Footer: tr.T("mail.confirm.footer")})
	}
	return m.email(d.Recipient, trs[0].T("mail.subject.confirm", d.Search.Name), sections, "")
}

// alertEmail builds an alert, digest or summary e-mail of the items the
// recipient may see.
func (m *Mailer) alertEmail(d *MailDelivery, visible []MailItem, token string) *Email {
	unsub := m.publicURL + "/surel/berhenti/" + token
	link := m.publicURL + searchLink(d.SearchID)
	ss := d.Search
	show := mailList
	if d.Kind == MailSummary && !d.Payload.Quiet {
		show = 0 // the cap's summary only counts: the hour's alerts were enough
	}
	listed := visible[:min(show, len(visible))]
	more := len(visible) - len(listed)
	trs := m.langs(d.Recipient)
	var sections []mailSection
	var subject string
	for i, tr := range trs {
		s := mailSection{Lang: string(tr.Lang()), QueryLabel: tr.T("mail.query"), Query: ss.Query,
			LinkLabel: tr.T("mail.link.search"), Link: link, Footer: tr.T("mail.footer", ss.Name),
			UnsubLabel: tr.T("mail.unsubscribe"), Unsub: unsub}
		var subj string
		switch {
		case d.Kind == MailAlert:
			s.Intro, subj = tr.T("mail.intro.alert", ss.Name), tr.T("mail.subject.alert", ss.Name, listed[0].PlainTitle())
		case d.Kind == MailDigest:
			s.Intro, subj = tr.T("mail.intro.digest", ss.Name, len(visible)), tr.T("mail.subject.digest", ss.Name, len(visible))
		case d.Payload.Quiet:
			s.Intro, subj = tr.T("mail.intro.quiet", ss.Name, ss.QuietHours, len(visible)), tr.T("mail.subject.quiet", ss.Name, len(visible))
		default:
			s.Intro, subj = tr.T("mail.intro.more", ss.Name, MaxPerHour), tr.T("mail.subject.more", ss.Name, more)
		}
		if more > 0 {
			s.More = tr.T("mail.more", more)
		}
		for _, it := range listed {
			meta := it.Source
			if !it.Published.IsZero() {
				meta += " · " + tr.DateTime(it.Published, ss.TimeZone.Location(), string(ss.TimeZone))
			}
			s.Items = append(s.Items, mailItemView{Title: it.Title, Meta: meta, URL: it.URL})
		}
		if i == 0 {
			subject = subj
		}
		sections = append(sections, s)
	}
	return m.email(d.Recipient, subject, sections, unsub)
}
