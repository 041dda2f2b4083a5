package web

import (
	"net/http"
	"strconv"
)

// pageParam is the query parameter of the page number.
const pageParam = "halaman"

// maxPage bounds the page number, so an offset cannot overflow.
const maxPage = 100_000

// pager is the navigation between the pages of a long list.
type pager struct {
	Page, Pages, Total int
	PrevURL, NextURL   string
}

// pageNumber reads the page number of r: 1 when absent or malformed.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get(pageParam))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxPage)
}

// newPager returns the pager of page of a list of total items, with links
// that keep the other parameters of r's query.
func newPager(r *http.Request, page, total, perPage int) pager {
	p := pager{Page: page, Total: total, Pages: max((total+perPage-1)/perPage, 1)}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set(pageParam, strconv.Itoa(n))
		q.Del("notice")
		return r.URL.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(min(page-1, p.Pages))
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}
