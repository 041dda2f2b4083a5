// Package issuetrack makes the issue clusterer (package monitor/issue) a
// living part of the server: the Tracker takes every new item from the
// ingestion pipeline (it is an ingest.Matcher), adds it to the clusterer
// of the item's agency, and stores the assignment and the issue as it now
// stands; analysts' corrections go through Correct, which checks who may
// make them, applies them to the live clusterer, stores them in the
// correction log and writes them to the audit log. Pages, the dashboard
// and the brief read issues from the store (List, Find), never from
// memory.
//
// # One clusterer per agency
//
// Issues are per agency: an agency's items never shape another's issues.
// Each agency's clusterer is built on first use, by issue.Restore from
// what was stored: the items of the last Keep (14 days) before the
// agency's newest item, in the order the clusterer took them, each into
// the issue its stored assignment names, with the analysts' names, pins
// and sentiments. Nothing is decided again, so a restart keeps every
// issue, its number and ID, its items and every correction; only what
// comes next is the model's. Memory is the clusterer's own (about 1.5 KB
// per item of the Keep window plus a 4 MiB table per agency), at most
// MaxRestore items per agency; a restart costs one read of those items
// and their analyses and the clusterer's work on them: 3,000 to 9,000
// items a second on SQLite on 2 shared cores (BenchmarkRestore,
// docs/benchmarks.md), so from under a second for a day of a regency's
// news to about a minute at MaxRestore, paid at the agency's first item
// or correction after the start, not at start-up.
//
// # Nothing lost
//
// After a rebuild the tracker catches up: the agency's archive items of
// the last Keep that are in no issue (stored by a process that stopped
// before their assignment was, or imported into the archive without the
// pipeline) join the clusterer in the order of their IDs and are stored
// like new items.
//
// # Several processes
//
// The assignments of an agency carry a sequence number without gaps,
// unique in the store. Items of concurrent calls (the pipeline's workers)
// join the clusterer at once and are stored together by one of the
// callers, in one transaction (group commit). Before each item and
// correction the tracker compares the store's last sequence number and
// correction with its own; when another process (a `sinergi ingest`
// beside the server, a second server on PostgreSQL) wrote since, the
// clusterer is rebuilt from the store first, and a write that loses a
// race fails on the unique key and is retried after a rebuild.
//
// # Who sees and who corrects
//
// An issue belongs to its agency and is classified as its most secret
// item: it is shown to people of that agency whose clearance reaches that
// classification (and to the console operator), so neither its title, its
// figures nor its existence reach anyone who may not see every item
// behind them. Administrators, heads of Humas, analysts and editors of the
// agency may correct it (Can); leaders and staff read.
package issuetrack
