package safehttp

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// sniffLen is how far into a document its own charset declaration is
// looked for, as in the HTML standard's prescan.
const sniffLen = 1024

var (
	// xmlDecl finds the encoding of an XML declaration.
	xmlDecl = regexp.MustCompile(`^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']`)
	// metaCharset finds <meta charset="..."> and the charset in
	// <meta http-equiv="Content-Type" content="text/html; charset=...">.
	metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:-]+)`)
	// htmlComment is skipped before looking for <meta>.
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	// xmlDeclEncoding is the encoding value of an XML declaration, for
	// rewriting it once the text is UTF-8.
	xmlDeclEncoding = regexp.MustCompile(`^(\s*<\?xml\s[^>]*?encoding\s*=\s*["'])[^"']*`)
)

// boms are the byte-order marks, which decide the charset over any
// declaration (HTML standard, RFC 7303).
var boms = []struct {
	mark    []byte
	charset string
}{
	{[]byte{0xEF, 0xBB, 0xBF}, "utf-8"},
	{[]byte{0xFE, 0xFF}, "utf-16be"},
	{[]byte{0xFF, 0xFE}, "utf-16le"},
}

// ToUTF8 decodes body to valid UTF-8 and names the charset it decoded from,
// by its WHATWG name ("utf-8", "windows-1252", "utf-16le", ...). The charset
// is the first of:
//
//  1. a byte-order mark, which is dropped from the text;
//  2. the charset parameter of contentType;
//  3. the document's own declaration: the encoding of an XML declaration,
//     or an HTML <meta charset> or <meta http-equiv> in the first 1024
//     bytes;
//  4. UTF-8 when the body is valid UTF-8, otherwise windows-1252.
//
// Labels are read as browsers read them: ISO-8859-1 and US-ASCII mean
// windows-1252, whose 0x80–0x9F are the curly quotes and dashes that
// "Latin-1" pages really contain. A declared windows-1252 is overruled when
// the body is valid UTF-8 with non-ASCII bytes (a server defaulting to a
// Latin-1 header in front of a UTF-8 CMS: valid multi-byte UTF-8 almost
// never occurs by chance in Latin-1 text), and a declared UTF-8 that is not
// valid gives way to another charset the document itself declares. Bytes
// that do not decode become U+FFFD; unknown labels are ignored.
//
// An XML declaration in the text is rewritten to say UTF-8, so that an XML
// parser reading the text does not decode it a second time.
func ToUTF8(body []byte, contentType string) (text, charset string) {
	charset = detect(body, contentType)
	for _, b := range boms {
		if bytes.HasPrefix(body, b.mark) {
			body = body[len(b.mark):]
			break
		}
	}
	enc, err := htmlindex.Get(charset)
	switch {
	case charset == "utf-8" && utf8.Valid(body):
		text = string(body)
	case err == nil:
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			text = string(out)
			break
		}
		fallthrough
	default:
		text = strings.ToValidUTF8(string(body), "\uFFFD")
	}
	if loc := xmlDeclEncoding.FindStringSubmatchIndex(text); loc != nil {
		text = text[:loc[3]] + "UTF-8" + text[loc[1]:]
	}
	return text, charset
}

// detect chooses the charset of body by the rules of ToUTF8 and returns
// its WHATWG name.
func detect(body []byte, contentType string) string {
	for _, b := range boms {
		if bytes.HasPrefix(body, b.mark) {
			return b.charset
		}
	}
	inDoc := canonical(declared(body))
	if strings.HasPrefix(inDoc, "utf-16") {
		inDoc = "utf-8" // read in ASCII, so not really UTF-16 (HTML standard)
	}
	charset := inDoc
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if cs := canonical(params["charset"]); cs != "" {
			charset = cs
		}
	}
	valid := utf8.Valid(body)
	switch {
	case charset == "" && valid:
		return "utf-8"
	case charset == "":
		return "windows-1252"
	case charset == "windows-1252" && valid && !isASCII(body):
		return "utf-8"
	case charset == "utf-8" && !valid && inDoc != "" && inDoc != "utf-8":
		return inDoc
	}
	return charset
}

// declared returns the charset label a document declares in its first
// bytes, or "".
func declared(body []byte) string {
	head := body[:min(len(body), sniffLen)]
	if m := xmlDecl.FindSubmatch(bytes.TrimLeft(head, " \t\r\n")); m != nil {
		return string(m[1])
	}
	if m := metaCharset.FindSubmatch(htmlComment.ReplaceAll(head, nil)); m != nil {
		return string(m[1])
	}
	return ""
}

// canonical returns the WHATWG name of the charset a label names, or "".
func canonical(label string) string {
	if label == "" {
		return ""
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	return name
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
