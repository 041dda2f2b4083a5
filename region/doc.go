// Package region is the gazetteer of Indonesia's administrative regions: the
// kode wilayah of Kemendagri 2025 (Kepmendagri No. 300.2.2-2430 Tahun 2025)
// for every provinsi, kabupaten/kota, kecamatan and desa/kelurahan, 91,599
// regions in all, shipped inside the binary.
//
// The data comes from cahyadsn/wilayah under the MIT licence (see
// data/SOURCE.md and data/LICENSE) and is embedded as data/wilayah.tsv.gz,
// which internal/gen regenerates byte for byte from the source CSV. Load
// decodes it into a Gazetteer; the package keeps no copy, so the caller
// decides how long one lives and whether it is shared (a Gazetteer is
// read-only after Load and safe for concurrent use).
//
// # Codes
//
// A Code is "PP" (province), "PP.KK" (kabupaten, or kota when KK >= 71),
// "PP.KK.CC" (kecamatan) or "PP.KK.CC.NNNN" (desa or kelurahan). Its level,
// province and parent follow from its shape alone; TimeZoneOf derives the
// time zone from the province.
//
// # Search
//
// Gazetteer.Search finds regions by name the way Indonesians write them.
// Names and queries are compared after Normalize (lower case, punctuation
// dropped, spaces collapsed, dotted initials such as "D.I." joined), and
// each region is known by:
//
//   - its full name: "Kabupaten Muaro Jambi", "Kota Administrasi Jakarta Pusat";
//   - its short form, without the administrative prefix: "Muaro Jambi",
//     "Jakarta Pusat", "Kepulauan Seribu", "Jakarta" (for Daerah Khusus
//     Ibukota Jakarta), "Yogyakarta" (for Daerah Istimewa Yogyakarta);
//   - for provinces, the usual abbreviations: "DKI", "DIY", "Jogja",
//     "Jabar", "Jateng", "Jatim", "Sumut", "Kalbar", "Sulsel", "NTB", "NTT",
//     "Babel", "Kepri", "Malut" and the like; for a few kota, the names
//     people use: "Solo" (Kota Surakarta), "Jaksel", "Jakpus", "Tangsel"
//     (Aliases).
//
// A leading qualifier restricts the level of what follows it: "Prov.",
// "Provinsi" to provinces; "Kab.", "Kabupaten" to kabupaten and "Kota",
// "Kotamadya" to kota (either may be followed by "Adm." or "Administrasi");
// "Kec.", "Kecamatan", "Distrik" to kecamatan; "Desa", "Ds.", "Kel.",
// "Kelurahan" to desa and kelurahan. The query as written is matched as
// well, without restriction, because some places are called "Kota Baru" or
// "Desa Baru". In the name, "Kep." is also tried as "Kepulauan", "Tj." as
// "Tanjung" and "Kp." as "Kampung".
//
// Ranking: a match is exact (the query equals a name, short form or
// abbreviation), prefix (a name begins with the query) or word (a later
// word of the name begins with the query). Exact beats prefix beats word;
// at equal match quality the higher level wins (province, then regency,
// district, village); remaining ties go to the lower code. So "Jambi" gives
// the province Jambi (15), then Kota Jambi (15.71), then the villages called
// Jambi, then kecamatan and villages whose names begin with Jambi, then names
// such as Kabupaten Muaro Jambi that contain it. Candidate.Score encodes this
// order in (0, 1]: 1 is an exact match of a province.
package region
