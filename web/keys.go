package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sinergi-id/sinergi/access"
	"github.com/sinergi-id/sinergi/agency"
	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/hoax/importer"
	"github.com/sinergi-id/sinergi/ingest"
	"github.com/sinergi-id/sinergi/mail"
	"github.com/sinergi-id/sinergi/monitor"
	"github.com/sinergi-id/sinergi/monitor/spike"
	"github.com/sinergi-id/sinergi/region"
	"github.com/sinergi-id/sinergi/source"
)

// Catalog keys made from values (a role, a kind, a level...). Every family
// is listed in full by generatedKeys, so TestCatalogKeys checks that each
// key exists and counts them as used.

func roleKey(r access.Role) string         { return "role." + string(r) }
func kindKey(k agency.Kind) string         { return "kind." + string(k) }
func classKey(l access.Level) string       { return "classification." + strings.ToLower(l.String()) }
func regionLevelKey(l region.Level) string { return "level." + l.String() }
func zoneKey(z region.TimeZone) string     { return "timezone." + strings.ToLower(string(z)) }
func mediaKey(m source.MediaType) string   { return "source.media." + string(m) }
func feedKindKey(k source.FeedKind) string { return "source.kind." + string(k) }
func stageKey(s ingest.Stage) string       { return "ingest.stage." + string(s) }

// deliveryReasonKey names why Sinergi itself gave a webhook delivery up,
// from its LastError; "" when a receiver or the network failed it (shown
// as it came).
func deliveryReasonKey(lastError string) string {
	switch lastError {
	case monitor.Superseded:
		return "savedsearch.webhook.reason.superseded"
	case monitor.Gone:
		return "savedsearch.webhook.reason.gone"
	}
	return ""
}

// periodKey names a dashboard's period ("7 hari terakhir").
func periodKey(p monitor.Period) string { return "pantau.period." + string(p) }

// sharingKey and sharingHintKey name a saved search's sharing and say
// who it opens the search to.
func sharingKey(s monitor.Sharing) string     { return "savedsearch.sharing." + string(s) }
func sharingHintKey(s monitor.Sharing) string { return "savedsearch.sharing." + string(s) + "_hint" }

// alertModeKey and alertModeHintKey name a saved search's alert and say
// what it does; no alert is "none".
func alertModeKey(a monitor.AlertMode) string {
	return "savedsearch.alert." + cmp.Or(string(a), "none")
}
func alertModeHintKey(a monitor.AlertMode) string { return alertModeKey(a) + "_hint" }

// sensitivityKey names a saved search's early-warning sensitivity
// ("rendah (3σ)").
func sensitivityKey(s spike.Sensitivity) string { return "savedsearch.sensitivity." + s.String() }

// stageDroppedKey returns the key explaining what "dropped" means in a
// stage of the pipeline.
func stageDroppedKey(s ingest.Stage) string { return "ingest.stage." + string(s) + ".dropped" }

// healthKey returns the key naming a feed's state, or "" for a state
// this version does not know.
func healthKey(h ingest.Health) string {
	if slices.Contains(ingest.Healths, h) {
		return "ingest.state." + string(h)
	}
	return ""
}

// alarmKeys lists the keys of the alarms the pipeline raises: one per
// alarming state, "ingest.alarm.feed_late" (ingest/poll.go).
func alarmKeys() []string {
	var keys []string
	for _, h := range ingest.Healths {
		if h.Alarming() {
			keys = append(keys, "ingest.alarm.feed_"+string(h))
		}
	}
	return keys
}

// sentimentKey returns the key naming an item's sentiment, or "" for a
// value this version does not know; the page then shows it as stored.
func sentimentKey(s string) string {
	if slices.Contains(archive.Sentiments, s) {
		return "sentiment." + s
	}
	return ""
}

// actionKey returns the key naming an audit action, or "" for an action
// this version does not know; the page then shows it as recorded.
func actionKey(action string) string {
	if slices.Contains(auditActions(), action) {
		return "audit.action." + action
	}
	return ""
}

// targetKey returns the key naming the type of an audit entry's target,
// or "" for a type this version does not know.
func targetKey(targetType string) string {
	if slices.Contains(auditTargets(), targetType) {
		return "audit.target." + targetType
	}
	return ""
}

// auditTargets lists the types of record the services name as targets.
func auditTargets() []string {
	return []string{"agency", "archive", "brief", "hoax_claim", "issue", "keymessage", "saved_search", "source", "user"}
}

// auditActions lists the actions the services record, in the order the
// audit filter offers them.
func auditActions() []string {
	return []string{
		"auth.login", "auth.login.failure", "auth.login.blocked", "auth.logout",
		"user.create", "user.disable", "user.enable", "user.update", "user.password",
		"agency.create", "agency.update", "keymessage.create", "archive.import", "archive.reanalyse",
		"source.create", "source.update", "source.pause", "source.resume",
		"search.create", "search.update", "search.delete",
		"search.email_add", "search.email_remove", "search.email_confirm", "search.email_unsubscribe",
		"issue.rename", "issue.merge", "issue.split", "issue.pin", "issue.unpin", "issue.issue_sentiment", "issue.item_sentiment",
		"brief.create",
		"hoax.import", "hoax.create", "hoax.update", "hoax.clarification",
	}
}

// zones lists Indonesia's time zones, west to east.
func zones() []region.TimeZone { return []region.TimeZone{region.WIB, region.WITA, region.WIT} }

// regionLevels lists the levels of the gazetteer, from the top.
func regionLevels() []region.Level {
	return []region.Level{region.Province, region.Regency, region.District, region.Village}
}

// generatedKeys lists every catalog key the functions above can return.
func generatedKeys() []string {
	var keys []string
	for _, p := range monitor.Periods {
		keys = append(keys, periodKey(p))
	}
	for _, sens := range spike.Sensitivities {
		keys = append(keys, sensitivityKey(sens))
	}
	for _, r := range access.Roles {
		keys = append(keys, roleKey(r))
	}
	for _, k := range agency.Kinds {
		keys = append(keys, kindKey(k))
	}
	for _, l := range access.Levels {
		keys = append(keys, classKey(l))
	}
	for _, l := range regionLevels() {
		keys = append(keys, regionLevelKey(l))
	}
	for _, z := range zones() {
		keys = append(keys, zoneKey(z))
	}
	for _, a := range auditActions() {
		keys = append(keys, actionKey(a))
	}
	for _, t := range auditTargets() {
		keys = append(keys, targetKey(t))
	}
	for _, s := range archive.Sentiments {
		keys = append(keys, sentimentKey(s))
	}
	for _, m := range source.MediaTypes {
		keys = append(keys, mediaKey(m))
	}
	for _, k := range source.FeedKinds {
		keys = append(keys, feedKindKey(k))
	}
	for _, h := range ingest.Healths {
		keys = append(keys, healthKey(h))
	}
	for _, s := range ingest.Stages {
		keys = append(keys, stageKey(s), stageDroppedKey(s))
	}
	for _, s := range monitor.Sharings {
		keys = append(keys, sharingKey(s), sharingHintKey(s))
	}
	for _, a := range monitor.AlertModes {
		keys = append(keys, alertModeKey(a), alertModeHintKey(a))
	}
	keys = append(keys, alarmKeys()...)
	// E-mail alerts on a saved search's page: a recipient's status, a
	// delivery's kind and state; and the in-app "more" of notifications
	// stored before "and N more" (monitor.alert.more_count) replaced it.
	for _, st := range []monitor.RecipientStatus{monitor.RecipientPending, monitor.RecipientConfirmed, monitor.RecipientUnsubscribed} {
		keys = append(keys, "savedsearch.mail.recipient."+string(st))
	}
	for _, k := range []monitor.MailKind{monitor.MailConfirm, monitor.MailAlert, monitor.MailDigest, monitor.MailSummary} {
		keys = append(keys, "savedsearch.mail.kind."+string(k))
	}
	for _, st := range []string{monitor.DeliveryPending, monitor.DeliveryDelivered, monitor.DeliveryFailed, monitor.DeliveryCancelled} {
		keys = append(keys, "savedsearch.mail.state."+st)
	}
	keys = append(keys, "monitor.alert.more")
	// A webhook delivery's state, on a saved search's page.
	for _, st := range []string{monitor.DeliveryPending, monitor.DeliveryDelivered, monitor.DeliveryFailed} {
		keys = append(keys, "savedsearch.webhook.state."+st)
	}
	// The early warning's explanations (monitor/spike.go, region.go),
	// shown in notifications.
	keys = append(keys, spike.Keys("spike")...)
	keys = append(keys, spike.Keys("spike.region")...)
	keys = append(keys, "spike.issue.reason")
	for _, d := range []string{"visible", "sources", "words", "sentiment"} {
		keys = append(keys, "spike.detail."+d)
	}
	// The recirculation alert of a known hoax (hoax/watch.go).
	for _, k := range []string{"recirculation", "verdict", "words", "link"} {
		keys = append(keys, "hoax.alert."+k)
	}
	// Why an import skipped records (hoax/importer.Skip values are keys).
	for _, s := range importer.Skips {
		keys = append(keys, string(s))
	}
	// Tangkal's claim page: a match's decision, a sighting's stance and
	// kind (web/tangkal.go).
	keys = append(keys, tangkalKeys()...)
	for _, st := range []mail.OutboxStatus{mail.OutboxPending, mail.OutboxSent, mail.OutboxFailed} {
		keys = append(keys, briefMailKey(st))
	}
	return keys
}
