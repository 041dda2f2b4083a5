package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sinergi-id/sinergi/archive"
	"github.com/sinergi-id/sinergi/query"
)

// resultsPerPage is the length of a page of search results.
const resultsPerPage = 20

// maxFacetDays is how many days the day facet lists, the latest ones: a
// result spread over years would otherwise fill the column.
const maxFacetDays = 31

// The query parameters of the search page, in Indonesian like the other
// pages': the query, its order, and (pager.go) the page.
const (
	queryParam    = "q"
	orderParam    = "urut"
	orderRelevant = "relevan"
	orderNewest   = "terbaru"
)

// searchPage is the data of Pantau's archive search.
type searchPage struct {
	pageLayout
	Query  string // as the viewer wrote it
	Order  string // orderRelevant or orderNewest
	Orders []searchOrder
	// Searched is set when a query ran; the result may still be empty.
	Searched bool
	// Canonical is the query as Sinergi reads it, shown when it differs
	// from what the viewer wrote.
	Canonical string
	Total     int
	Hits      []archive.Hit
	First     int // the number of the page's first hit, for <ol start>
	Facets    []facetGroup
	// Counts are the facets as counted, for the charts of a saved search.
	Counts *archive.Facets
	Pager  pager
	// Problem is why the query was refused; nil when it was not.
	Problem *queryProblem
	// Examples are shown, with the help, when no query ran.
	Examples []queryExample
	// CanRegister links each result to the form that registers it as a
	// hoax in Tangkal.
	CanRegister bool
}

// SaveHref is the form that saves the query as a saved search.
func (p *searchPage) SaveHref() string {
	return "/pantau/pencarian/baru?" + url.Values{queryParam: {p.Query}}.Encode()
}

// searchOrder is one choice of the order selector.
type searchOrder struct {
	Value, Key string
}

func searchOrders() []searchOrder {
	return []searchOrder{
		{Value: orderRelevant, Key: "search.order.relevant"},
		{Value: orderNewest, Key: "search.order.newest"},
	}
}

// facetGroup is the counts of a result by one attribute.
type facetGroup struct {
	ID       string // the element ID of its heading
	TitleKey string
	Values   []facetValue
	// Chart draws a bar beside each value (the days).
	Chart bool
	// Shown and Of say that only the latest Shown of Of days are listed.
	Shown, Of int
}

// facetValue is one value of a facet: its label, its count and the link
// that adds it to the query as a filter.
type facetValue struct {
	Label    string    // as stored: a source, a region's name
	LabelKey string    // or a catalog key (a sentiment)
	Day      time.Time // or a day, in the viewer's time zone
	Code     string    // shown beside the label (a kode wilayah)
	N        int
	// Href is the search with the filter added, or removed when Active;
	// empty when the value cannot be written as a filter.
	Href   string
	Active bool // the query already filters on the value
	Bar    int  // the bar's length, in percent of the group's largest count
}

// queryProblem is a refused query: the message in the viewer's language
// and the line of the query holding the spot, cut around the character
// there, with the caret line of query.Mark under it.
type queryProblem struct {
	Message           string
	Before, At, After string
	Caret             string
}

// queryExample is an example query of the help, with what it does.
type queryExample struct {
	Query string
	Key   string
}

// Href is the search for the example.
func (e queryExample) Href() string { return searchHref(e.Query, orderRelevant) }

// queryExamples are examples from docs/query.md.
func queryExamples() []queryExample {
	return []queryExample{
		{Query: "banjir", Key: "search.example.term"},
		{Query: `banjir AND (jambi OR "kota jambi") NOT sepakbola`, Key: "search.example.boolean"},
		{Query: `"harga beras"~5`, Key: "search.example.proximity"},
		{Query: "kebakar*", Key: "search.example.prefix"},
		{Query: `title:(banjir OR longsor) wilayah:"kota jambi"`, Key: "search.example.fields"},
		{Query: "gubernur sentiment:negative date:>now-7d", Key: "search.example.filters"},
	}
}

// handleArchiveSearch is Pantau's archive search: the query form, a page
// of results with the words that matched highlighted, and the counts per
// day, source, region and sentiment as links that narrow the query. The
// archive service counts and returns only what the viewer may see; days
// are those of the viewer's agency's time zone. A refused query shows its
// message and the spot it concerns.
func (s *Server) handleArchiveSearch(w http.ResponseWriter, r *http.Request) {
	rc := requestOf(r)
	params := r.URL.Query()
	data := &searchPage{pageLayout: s.page(r), Query: params.Get(queryParam), Order: orderRelevant, Orders: searchOrders(),
		CanRegister: mayRegister(rc)}
	if params.Get(orderParam) == orderNewest {
		data.Order = orderNewest
	}
	if strings.TrimSpace(data.Query) == "" {
		data.Query, data.Examples = "", queryExamples()
		s.render(w, r, http.StatusOK, "pantau", data)
		return
	}
	page := pageNumber(r)
	res, err := s.svc.Archive.Search(r.Context(), rc.actor(), archive.Request{
		Query: data.Query, Newest: data.Order == orderNewest, Facets: true, Location: rc.loc,
		Limit: resultsPerPage, Offset: (page - 1) * resultsPerPage,
	})
	if qe := (*query.Error)(nil); errors.As(err, &qe) {
		rc.log.Debug("query refused", "key", qe.Key, "offset", qe.Offset)
		data.Problem = newQueryProblem(data.Query, qe, string(rc.tr.Lang()))
		data.Examples = queryExamples()
		s.render(w, r, http.StatusBadRequest, "pantau", data)
		return
	}
	if err != nil {
		s.renderError(w, r, 0, err)
		return
	}
	data.Searched, data.Total, data.Hits = true, res.Total, res.Hits
	data.First = (page-1)*resultsPerPage + 1
	data.Pager = newPager(r, page, res.Total, resultsPerPage)
	if res.Query != strings.TrimSpace(data.Query) {
		data.Canonical = res.Query
	}
	if q, err := query.Parse(res.Query); err == nil && res.Facets != nil {
		data.Facets = facetGroups(q, res.Facets, data.Order, rc.loc)
	}
	s.render(w, r, http.StatusOK, "pantau", data)
}

// newQueryProblem cuts the line of src holding the error's spot around the
// character there, for the page to mark it.
func newQueryProblem(src string, qe *query.Error, lang string) *queryProblem {
	off := min(max(qe.Offset, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := len(src)
	if i := strings.IndexByte(src[off:], '\n'); i >= 0 {
		end = off + i
	}
	valid := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	p := &queryProblem{Message: qe.Message(lang), Before: valid(src[start:off])}
	if off < end {
		_, size := utf8.DecodeRuneInString(src[off:])
		p.At, p.After = valid(src[off:off+size]), strings.TrimRight(valid(src[off+size:end]), "\r")
	}
	mark := query.Mark(src, qe)
	p.Caret = mark[strings.LastIndexByte(mark, '\n')+1:]
	return p
}

// facetGroups turns the counts of a result into the facets the page shows,
// each value linked to the query q with its filter added (or removed).
func facetGroups(q query.Node, f *archive.Facets, order string, loc *time.Location) []facetGroup {
	link := func(filter string) (href string, active bool) {
		n, err := query.Parse(filter)
		if err != nil {
			return "", false // a value the language cannot name (not_rated)
		}
		next, active := toggleFilter(q, n)
		return searchHref(next, order), active
	}
	days := facetGroup{ID: "facet-days", TitleKey: "search.facet.days", Chart: true, Of: len(f.Days)}
	list := f.Days[max(len(f.Days)-maxFacetDays, 0):]
	days.Shown = len(list)
	for _, c := range list {
		day, err := time.ParseInLocation(time.DateOnly, c.Key, loc)
		if err != nil {
			continue
		}
		v := facetValue{Day: day, N: c.N}
		v.Href, v.Active = link((&query.DateFilter{Op: query.DateOn, From: query.DateBound{Day: c.Key}}).String())
		days.Values = append(days.Values, v)
	}
	days.Values = withBars(days.Values)
	return []facetGroup{
		days,
		countFacet(facetGroup{ID: "facet-sources", TitleKey: "search.facet.sources"}, "source", f.Sources, link),
		countFacet(facetGroup{ID: "facet-provinces", TitleKey: "search.facet.provinces"}, "region", f.Provinces, link),
		countFacet(facetGroup{ID: "facet-regencies", TitleKey: "search.facet.regencies"}, "region", f.Regencies, link),
		countFacet(facetGroup{ID: "facet-sentiments", TitleKey: "search.facet.sentiments"}, "sentiment", f.Sentiments, link),
	}
}

// countFacet fills g with the values of a facet over field: a region is
// labelled with its name and code, a sentiment with its catalog name.
func countFacet(g facetGroup, field string, counts []archive.Count, link func(string) (string, bool)) facetGroup {
	for _, c := range counts {
		v := facetValue{Label: c.Key, N: c.N}
		switch field {
		case "region":
			v.Code = c.Key
			if c.Label != "" {
				v.Label = c.Label
			}
		case "sentiment":
			v.LabelKey = sentimentKey(c.Key)
		}
		v.Href, v.Active = link((&query.Filter{Field: field, Value: c.Key}).String())
		g.Values = append(g.Values, v)
	}
	return g
}

// withBars sets the bar of each value in proportion to the largest count.
func withBars(vs []facetValue) []facetValue {
	top := 0
	for _, v := range vs {
		top = max(top, v.N)
	}
	for i := range vs {
		vs[i].Bar = max(vs[i].N*100/max(top, 1), 1)
	}
	return vs
}

// toggleFilter returns q with filter added to its top-level AND, or taken
// out of it when it is there already (active), in canonical form. Taking
// out the only part leaves the empty query.
func toggleFilter(q, filter query.Node) (next string, active bool) {
	parts := []query.Node{q}
	if and, ok := q.(*query.And); ok {
		parts = and.Nodes
	}
	if i := slices.IndexFunc(parts, func(n query.Node) bool { return query.Equal(n, filter) }); i >= 0 {
		parts, active = slices.Delete(slices.Clone(parts), i, i+1), true
	} else {
		parts = append(slices.Clone(parts), filter)
	}
	switch len(parts) {
	case 0:
		return "", active
	case 1:
		return parts[0].String(), active
	}
	return (&query.And{Nodes: parts}).String(), active
}

// searchHref is the address of the search for q in the given order.
func searchHref(q, order string) string {
	v := url.Values{}
	if q != "" {
		v.Set(queryParam, q)
	}
	if order == orderNewest {
		v.Set(orderParam, orderNewest)
	}
	if len(v) == 0 {
		return "/pantau"
	}
	return "/pantau?" + v.Encode()
}
