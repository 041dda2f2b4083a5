package query

// The message keys of Error. Each is in Messages.
const (
	keyEmpty              = "query.error.empty"
	keyTooLong            = "query.error.too_long"
	keyInvalidUTF8        = "query.error.invalid_utf8"
	keyUnclosedQuote      = "query.error.unclosed_quote"
	keyUnclosedParen      = "query.error.unclosed_paren"
	keyUnmatchedParen     = "query.error.unmatched_paren"
	keyEmptyGroup         = "query.error.empty_group"
	keyEmptyPhrase        = "query.error.empty_phrase"
	keyMissingOperand     = "query.error.missing_operand"
	keyUnexpectedOperator = "query.error.unexpected_operator"
	keyDanglingMinus      = "query.error.dangling_minus"
	keyUnexpectedTilde    = "query.error.unexpected_tilde"
	keyColon              = "query.error.colon"
	keyUnknownField       = "query.error.unknown_field"
	keyMissingValue       = "query.error.missing_value"
	keyMinusAfterField    = "query.error.minus_after_field"
	keyNestedField        = "query.error.nested_field"
	keyBadValue           = "query.error.bad_value"
	keyBadRegion          = "query.error.bad_region"
	keyBadLang            = "query.error.bad_lang"
	keyBadDate            = "query.error.bad_date"
	keyDateOrder          = "query.error.date_order"
	keyBadWildcard        = "query.error.bad_wildcard"
	keyPrefixTooShort     = "query.error.prefix_too_short"
	keyWildcardInFilter   = "query.error.wildcard_in_filter"
	keyBadProximity       = "query.error.bad_proximity"
	keyProximityOneWord   = "query.error.proximity_one_word"
	keyProximityInFilter  = "query.error.proximity_in_filter"
	keyOnlyNegative       = "query.error.only_negative"
	keyNegativeInOr       = "query.error.negative_in_or"
	keyTooDeep            = "query.error.too_deep"
	keyTooManyTerms       = "query.error.too_many_terms"

	// KeyPrefixTooBroad is the error of a prefix that stands for more
	// words than a search may expand; the archive, which knows the words,
	// raises it with ErrorAt. {1}: the prefix, {2}: the limit.
	KeyPrefixTooBroad = "query.error.prefix_too_broad"
)

// Message is the Indonesian and English text of one error key. {0} is the
// character position (1-based); further placeholders are listed beside the
// key in Messages.
type Message struct{ ID, EN string }

// Messages holds the text of every error key, for the web's catalogs (id.json
// is the reference; a test in this package checks that every key used has
// both texts with the same placeholders).
var Messages = map[string]Message{
	keyEmpty: {
		"Kueri kosong: tulis setidaknya satu kata pencarian.",
		"The query is empty: write at least one search term."},
	// {1}: the limit in bytes
	keyTooLong: {
		"Kueri terlalu panjang di posisi {0}: paling banyak {1} bita.",
		"The query is too long at position {0}: at most {1} bytes."},
	keyInvalidUTF8: {
		"Karakter tidak sah (bukan UTF-8) di posisi {0}.",
		"Invalid character (not UTF-8) at position {0}."},
	keyUnclosedQuote: {
		"Tanda kutip pembuka di posisi {0} tidak ditutup.",
		"The opening quote at position {0} is not closed."},
	keyUnclosedParen: {
		"Kurung buka di posisi {0} tidak ditutup.",
		"The opening parenthesis at position {0} is not closed."},
	keyUnmatchedParen: {
		"Kurung tutup di posisi {0} tidak punya pasangan kurung buka.",
		"The closing parenthesis at position {0} has no opening parenthesis."},
	keyEmptyGroup: {
		"Kurung di posisi {0} kosong.",
		"The parentheses at position {0} are empty."},
	keyEmptyPhrase: {
		"Tanda kutip di posisi {0} tidak berisi kata.",
		"The quotes at position {0} contain no words."},
	// {1}: the operator as written
	keyMissingOperand: {
		"Operator {1} di posisi {0} tidak diikuti kata pencarian.",
		"The operator {1} at position {0} is not followed by a search term."},
	keyUnexpectedOperator: {
		"Operator {1} di posisi {0} tidak didahului kata pencarian.",
		"The operator {1} at position {0} does not follow a search term."},
	keyDanglingMinus: {
		"Tanda minus di posisi {0} harus langsung diikuti kata yang dikecualikan, tanpa spasi.",
		"The minus sign at position {0} must be followed directly by the excluded term, without a space."},
	keyUnexpectedTilde: {
		"Tanda ~ di posisi {0} hanya boleh langsung setelah frasa bertanda kutip, misalnya \"banjir jambi\"~5.",
		"The ~ at position {0} may only follow a quoted phrase directly, as in \"banjir jambi\"~5."},
	keyColon: {
		"Titik dua di posisi {0} tidak didahului nama kolom, misalnya title:.",
		"The colon at position {0} has no field name before it, such as title:."},
	// {1}: the name as written; {2}: the known fields
	keyUnknownField: {
		"Kolom {1} di posisi {0} tidak dikenal. Kolom yang tersedia: {2}. Untuk mencari teks yang berisi titik dua, beri tanda kutip.",
		"Unknown field {1} at position {0}. Available fields: {2}. To search for text with a colon, put it in quotes."},
	// {1}: the field
	keyMissingValue: {
		"Kolom {1} di posisi {0} tidak punya nilai: tulis nilainya langsung setelah titik dua, tanpa spasi.",
		"The field {1} at position {0} has no value: write the value directly after the colon, without a space."},
	keyMinusAfterField: {
		"Untuk mengecualikan, tulis minus sebelum kolom ({1}:...) di posisi {0}, bukan sesudahnya.",
		"To exclude, write the minus before the field ({1}:...) at position {0}, not after it."},
	keyNestedField: {
		"Kolom {1} di posisi {0} berada di dalam kolom lain; kolom tidak boleh bertumpuk.",
		"The field {1} at position {0} is inside another field; fields cannot be nested."},
	// {1}: the field; {2}: the value; {3}: the allowed values
	keyBadValue: {
		"Nilai {2} untuk {1} di posisi {0} tidak dikenal. Nilai yang tersedia: {3}.",
		"Unknown value {2} for {1} at position {0}. Allowed values: {3}."},
	// {1}: the value
	keyBadRegion: {
		"Kode wilayah {1} di posisi {0} tidak sah: tulis misalnya 15, 15.71 atau 15.71.01, atau nama wilayah.",
		"Invalid region code {1} at position {0}: write e.g. 15, 15.71 or 15.71.01, or a region name."},
	keyBadLang: {
		"Kode bahasa {1} di posisi {0} tidak sah: tulis kode dua atau tiga huruf, misalnya id atau en.",
		"Invalid language code {1} at position {0}: write a two- or three-letter code such as id or en."},
	keyBadDate: {
		"Tanggal {1} di posisi {0} tidak sah. Contoh: date:2026-01-01..2026-01-31, date:2026-01, date:>2026-01-01, date:>now-7d.",
		"Invalid date {1} at position {0}. Examples: date:2026-01-01..2026-01-31, date:2026-01, date:>2026-01-01, date:>now-7d."},
	keyDateOrder: {
		"Rentang tanggal di posisi {0} berakhir sebelum dimulai.",
		"The date range at position {0} ends before it starts."},
	keyBadWildcard: {
		"Tanda * di posisi {0} hanya boleh di akhir kata, misalnya banj*.",
		"The * at position {0} may only end a word, as in banj*."},
	// {1}: the minimum number of letters
	KeyPrefixTooBroad: {
		"Awalan {1}* di posisi {0} cocok dengan lebih dari {2} kata di arsip: tambahkan huruf sebelum *, atau tulis kata-katanya dengan ATAU.",
		"The prefix {1}* at position {0} matches more than {2} words in the archive: add letters before the *, or write the words joined by OR."},
	keyPrefixTooShort: {
		"Awalan di posisi {0} terlalu pendek: tulis setidaknya {1} huruf sebelum *.",
		"The prefix at position {0} is too short: write at least {1} letters before the *."},
	// {1}: the field
	keyWildcardInFilter: {
		"Tanda * tidak dapat dipakai dalam nilai {1} di posisi {0}.",
		"A * cannot be used in a value of {1} at position {0}."},
	// {1}: the largest distance
	keyBadProximity: {
		"Setelah ~ di posisi {0} tulis jarak kata dari 1 sampai {1}, misalnya \"banjir jambi\"~5.",
		"After the ~ at position {0} write a word distance from 1 to {1}, as in \"banjir jambi\"~5."},
	keyProximityOneWord: {
		"Pencarian berdekatan di posisi {0} perlu setidaknya dua kata dalam tanda kutip.",
		"The proximity search at position {0} needs at least two words in the quotes."},
	keyProximityInFilter: {
		"Tanda ~ tidak dapat dipakai dalam nilai {1} di posisi {0}.",
		"A ~ cannot be used in a value of {1} at position {0}."},
	keyOnlyNegative: {
		"Kueri di posisi {0} hanya berisi pengecualian: tambahkan setidaknya satu kata yang dicari.",
		"The query at position {0} only excludes: add at least one term to search for."},
	keyNegativeInOr: {
		"Bagian ATAU di posisi {0} hanya berisi pengecualian sehingga cocok dengan hampir semua dokumen: tambahkan kata yang dicari atau pindahkan pengecualian ke luar kurung.",
		"The OR branch at position {0} only excludes, so it matches almost every document: add a term to search for or move the exclusion out of the parentheses."},
	// {1}: the limit
	keyTooDeep: {
		"Kueri bertingkat terlalu dalam di posisi {0}: paling banyak {1} tingkat kurung dan BUKAN.",
		"The query is nested too deeply at position {0}: at most {1} levels of parentheses and NOT."},
	keyTooManyTerms: {
		"Kueri memuat terlalu banyak kata di posisi {0}: paling banyak {1}.",
		"The query has too many terms at position {0}: at most {1}."},
}
