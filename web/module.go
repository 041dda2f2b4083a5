package web

import "net/http"

// module is one of the seven modules of the product, as the navigation and
// the dashboard show it.
type module struct {
	Slug           string
	Path           string
	Built          bool // false: the page says honestly that it is not there yet
	NameKey        string
	SummaryKey     string // one line, for the dashboard card
	DescriptionKey string // what it does or will do: the placeholder page, or the module's own page
}

// moduleList returns the modules in the order of the navigation.
func moduleList() []module {
	return []module{
		{Slug: "pantau", Path: "/pantau", Built: true, NameKey: "module.pantau.name",
			SummaryKey: "module.pantau.summary", DescriptionKey: "module.pantau.description"},
		{Slug: "tangkal", Path: "/tangkal", Built: true, NameKey: "module.tangkal.name",
			SummaryKey: "module.tangkal.summary", DescriptionKey: "module.tangkal.description"},
		{Slug: "siaran", Path: "/siaran", NameKey: "module.siaran.name",
			SummaryKey: "module.siaran.summary", DescriptionKey: "module.siaran.description"},
		{Slug: "sinergi", Path: "/sinergi", Built: true, NameKey: "module.sinergi.name",
			SummaryKey: "module.sinergi.summary", DescriptionKey: "module.sinergi.description"},
		{Slug: "aspirasi", Path: "/aspirasi", NameKey: "module.aspirasi.name",
			SummaryKey: "module.aspirasi.summary", DescriptionKey: "module.aspirasi.description"},
		{Slug: "informasi", Path: "/informasi", NameKey: "module.informasi.name",
			SummaryKey: "module.informasi.summary", DescriptionKey: "module.informasi.description"},
		{Slug: "mitra", Path: "/mitra", NameKey: "module.mitra.name",
			SummaryKey: "module.mitra.summary", DescriptionKey: "module.mitra.description"},
	}
}

// modulePage is the data of a module that is not built yet.
type modulePage struct {
	pageLayout
	Module module
}

// handleModulePlaceholder answers a module that is not built yet with a
// page that says so and describes what it will do, never with sample data.
func (s *Server) handleModulePlaceholder(m module) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, http.StatusOK, "module", &modulePage{pageLayout: s.page(r), Module: m})
	}
}
