package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/monitor"
)

// usPerHour turns a time in microseconds into its hour by integer
// division, which both engines do the same way for times after 1970.
const usPerHour = 3_600_000_000

// DashboardCounts counts an agency's items published in (From, To] and
// classified at most MaxLevel: per hour and sentiment, per source (the
// most frequent), and per set of regions. The grouping is SQL both engines
// share; turning hours into local days and region sets into provinces is
// the monitor's. The index items_agency_published holds every column these
// queries read, so neither engine reads the table.
func (s *DB) DashboardCounts(ctx context.Context, f monitor.DashboardFilter) (*monitor.DashboardCounts, error) {
	var w where
	from := ` FROM items i`
	w.add(`i.agency_id = ?`, f.AgencyID)
	w.add(`i.published_us > ?`, f.From.UnixMicro())
	w.add(`i.published_us <= ?`, f.To.UnixMicro())
	w.add(`i.classification <= ?`, int(f.MaxLevel))
	var out monitor.DashboardCounts
	var err error
	out.Hours, err = queryAll(ctx, s, s.db, `SELECT i.published_us / `+fmt.Sprint(usPerHour)+` AS h, i.sentiment, count(*)`+
		from+w.String()+` GROUP BY h, i.sentiment ORDER BY h, i.sentiment`, w.args,
		func(row rowScanner) (monitor.SentimentHour, error) {
			var (
				h  int64
				sh monitor.SentimentHour
			)
			err := row.Scan(&h, &sh.Sentiment, &sh.N)
			sh.Hour = time.Unix(h*3600, 0).UTC()
			return sh, err
		})
	if err != nil {
		return nil, fmt.Errorf("store: dashboard hours: %w", err)
	}
	out.Sources, err = queryAll(ctx, s, s.db, `SELECT i.source, count(*) AS n`+from+w.String()+
		` AND i.source <> '' GROUP BY i.source ORDER BY n DESC, i.source`+page(max(f.TopSources, 1), 0), w.args, scanCount)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard sources: %w", err)
	}
	out.RegionSets, err = queryAll(ctx, s, s.db, `SELECT i.regions, count(*)`+from+w.String()+
		` AND trim(i.regions) <> '' GROUP BY i.regions`, w.args, scanCount)
	if err != nil {
		return nil, fmt.Errorf("store: dashboard regions: %w", err)
	}
	return &out, nil
}

func scanCount(row rowScanner) (archive.Count, error) {
	var c archive.Count
	err := row.Scan(&c.Key, &c.N)
	return c, err
}
