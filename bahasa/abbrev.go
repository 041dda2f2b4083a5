package bahasa

import (
	"strings"
	"unicode"
)

// Abbreviations common in Indonesian government and news text, written by
// the project. Keys are lower case; dotted keys keep their dots.

// dottedAbbrevs maps a dotted abbreviation to its expansion.
var dottedAbbrevs = map[string]string{
	// places and addresses
	"kab.": "kabupaten", "kec.": "kecamatan", "kel.": "kelurahan", "prov.": "provinsi",
	"ds.": "desa", "dsn.": "dusun", "kp.": "kampung", "jl.": "jalan", "jln.": "jalan",
	"gg.": "gang", "rt.": "rukun tetangga", "rw.": "rukun warga", "kav.": "kaveling",
	"blk.": "blok", "d.a.": "dengan alamat",
	// titles and forms of address
	"dr.": "dokter", "drg.": "dokter gigi", "drs.": "doktorandus", "dra.": "doktoranda",
	"prof.": "profesor", "h.": "haji", "hj.": "hajah", "ir.": "insinyur", "sdr.": "saudara",
	"sdri.": "saudari", "bpk.": "bapak", "yth.": "yang terhormat", "tn.": "tuan",
	"ny.": "nyonya", "nn.": "nona", "kh.": "kiai haji", "st.": "santo",
	// degrees
	"s.h.": "sarjana hukum", "m.h.": "magister hukum", "m.si.": "magister sains",
	"s.si.": "sarjana sains", "s.sos.": "sarjana sosial", "s.e.": "sarjana ekonomi",
	"m.e.": "magister ekonomi", "m.m.": "magister manajemen", "s.t.": "sarjana teknik",
	"m.t.": "magister teknik", "s.pd.": "sarjana pendidikan", "m.pd.": "magister pendidikan",
	"s.kom.": "sarjana komputer", "m.kom.": "magister komputer", "s.ip.": "sarjana ilmu politik",
	"s.i.kom.": "sarjana ilmu komunikasi", "m.i.kom.": "magister ilmu komunikasi",
	"s.ag.": "sarjana agama", "m.ag.": "magister agama", "s.ked.": "sarjana kedokteran",
	"s.kep.": "sarjana keperawatan", "s.farm.": "sarjana farmasi", "s.psi.": "sarjana psikologi",
	"s.hum.": "sarjana humaniora", "m.hum.": "magister humaniora", "s.s.": "sarjana sastra",
	"s.p.": "sarjana pertanian", "s.stp.": "sarjana sains terapan pemerintahan",
	"s.ap.": "sarjana administrasi publik", "m.ap.": "magister administrasi publik",
	"s.ak.": "sarjana akuntansi", "m.ak.": "magister akuntansi", "a.md.": "ahli madya",
	"m.a.": "master of arts", "m.sc.": "master of science", "ph.d.": "doctor of philosophy",
	"s.ikom.": "sarjana ilmu komunikasi", "s.kes.": "sarjana kesehatan",
	"m.kes.": "magister kesehatan", "s.h.i.": "sarjana hukum islam", "lc.": "licence",
	"m.b.a.": "master of business administration", "s.e.i.": "sarjana ekonomi islam",
	// letters and documents
	"no.": "nomor", "nmr.": "nomor", "tgl.": "tanggal", "hlm.": "halaman", "hal.": "perihal",
	"lamp.": "lampiran", "ttd.": "tertanda", "ket.": "keterangan", "a.n.": "atas nama",
	"u.p.": "untuk perhatian", "u.b.": "untuk beliau", "s.d.": "sampai dengan",
	"a.l.": "antara lain", "c.q.": "casu quo", "q.q.": "qualitate qua", "telp.": "telepon",
	"tlp.": "telepon", "fax.": "faksimile", "ext.": "ekstensi", "vol.": "volume",
	"dll.": "dan lain-lain", "dsb.": "dan sebagainya", "dst.": "dan seterusnya",
	"dkk.": "dan kawan-kawan", "vs.": "versus", "tbk.": "terbuka", "pt.": "perseroan terbatas",
	"cv.": "commanditaire vennootschap", "jan.": "januari", "feb.": "februari",
	"apr.": "april", "agt.": "agustus", "agu.": "agustus", "sep.": "september",
	"sept.": "september", "okt.": "oktober", "nov.": "november", "des.": "desember",
	"kol.": "kolonel", "letkol.": "letnan kolonel", "mayjen.": "mayor jenderal",
	"brigjen.": "brigadir jenderal", "irjen.": "inspektur jenderal",
}

// capitalOnly lists dotted abbreviations that are also ordinary words
// before a full stop ("dalam hal."), so they count only when capitalised.
var capitalOnly = map[string]bool{"hal.": true, "lamp.": true, "ket.": true, "st.": true,
	"des.": true, "vol.": true, "ext.": true}

// undottedAbbrevs maps an abbreviation or acronym written without dots to
// its expansion. Acronyms of up to three letters count only in capitals
// ("BPK", not "bpk", which is informal for "bapak").
var undottedAbbrevs = map[string]string{
	"pemprov": "pemerintah provinsi", "pemkab": "pemerintah kabupaten",
	"pemkot": "pemerintah kota", "pemda": "pemerintah daerah", "pemdes": "pemerintah desa",
	"setda": "sekretariat daerah", "sekda": "sekretaris daerah", "setwan": "sekretariat dewan",
	"setneg": "sekretariat negara", "setkab": "sekretariat kabinet",
	"kemendagri": "kementerian dalam negeri", "kemenkeu": "kementerian keuangan",
	"kemenkes": "kementerian kesehatan", "kemendikbud": "kementerian pendidikan dan kebudayaan",
	"kemendikbudristek": "kementerian pendidikan, kebudayaan, riset, dan teknologi",
	"kemenag":           "kementerian agama", "kemenkominfo": "kementerian komunikasi dan informatika",
	"kominfo": "komunikasi dan informatika", "komdigi": "kementerian komunikasi dan digital",
	"kemensos": "kementerian sosial", "kemenhan": "kementerian pertahanan",
	"kemenlu": "kementerian luar negeri", "kemenkumham": "kementerian hukum dan hak asasi manusia",
	"kementan": "kementerian pertanian", "kemenhub": "kementerian perhubungan",
	"kemenpupr":  "kementerian pekerjaan umum dan perumahan rakyat",
	"kemenperin": "kementerian perindustrian", "kemendag": "kementerian perdagangan",
	"kemenparekraf": "kementerian pariwisata dan ekonomi kreatif",
	"kemenpora":     "kementerian pemuda dan olahraga", "kemnaker": "kementerian ketenagakerjaan",
	"kemendes": "kementerian desa", "kemenko": "kementerian koordinator",
	"mendagri": "menteri dalam negeri", "menkeu": "menteri keuangan", "menkes": "menteri kesehatan",
	"menko": "menteri koordinator", "diskominfo": "dinas komunikasi dan informatika",
	"dinkes": "dinas kesehatan", "disdik": "dinas pendidikan", "dishub": "dinas perhubungan",
	"disdukcapil": "dinas kependudukan dan pencatatan sipil", "dukcapil": "kependudukan dan pencatatan sipil",
	"dinsos": "dinas sosial", "disnaker": "dinas tenaga kerja", "dispora": "dinas pemuda dan olahraga",
	"dispar": "dinas pariwisata", "bappeda": "badan perencanaan pembangunan daerah",
	"bapenda": "badan pendapatan daerah", "bpbd": "badan penanggulangan bencana daerah",
	"bnpb": "badan nasional penanggulangan bencana", "bmkg": "badan meteorologi, klimatologi, dan geofisika",
	"basarnas": "badan search and rescue nasional", "bpjs": "badan penyelenggara jaminan sosial",
	"bumn": "badan usaha milik negara", "bumd": "badan usaha milik daerah", "polri": "kepolisian negara republik indonesia",
	"polda": "kepolisian daerah", "polres": "kepolisian resor", "polsek": "kepolisian sektor",
	"polresta": "kepolisian resor kota", "kodim": "komando distrik militer", "korem": "komando resor militer",
	"kodam": "komando daerah militer", "satpol": "satuan polisi", "dprd": "dewan perwakilan rakyat daerah",
	"bawaslu": "badan pengawas pemilu", "apbn": "anggaran pendapatan dan belanja negara",
	"apbd": "anggaran pendapatan dan belanja daerah", "rpjmd": "rencana pembangunan jangka menengah daerah",
	"skpd": "satuan kerja perangkat daerah", "uptd": "unit pelaksana teknis daerah",
	"ppid": "pejabat pengelola informasi dan dokumentasi", "humas": "hubungan masyarakat",
	"bakohumas": "badan koordinasi kehumasan", "wagub": "wakil gubernur", "wabup": "wakil bupati",
	"wawako": "wakil wali kota", "kadis": "kepala dinas", "kabid": "kepala bidang",
	"kabag": "kepala bagian", "kasubag": "kepala subbagian", "sekdes": "sekretaris desa",
	"kades": "kepala desa", "forkopimda": "forum koordinasi pimpinan daerah",
	"musrenbang": "musyawarah perencanaan pembangunan", "posyandu": "pos pelayanan terpadu",
	"puskesmas": "pusat kesehatan masyarakat", "rsud": "rumah sakit umum daerah",
	"samsat": "sistem administrasi manunggal satu atap", "npwp": "nomor pokok wajib pajak",
	"stnk": "surat tanda nomor kendaraan", "bansos": "bantuan sosial", "ppkm": "pemberlakuan pembatasan kegiatan masyarakat",
	"umkm": "usaha mikro, kecil, dan menengah", "pppk": "pegawai pemerintah dengan perjanjian kerja",
	"perpres": "peraturan presiden", "permendagri": "peraturan menteri dalam negeri",
	"perda": "peraturan daerah", "perbup": "peraturan bupati", "perwali": "peraturan wali kota",
	"pergub": "peraturan gubernur", "inpres": "instruksi presiden", "keppres": "keputusan presiden",
	"juklak": "petunjuk pelaksanaan", "juknis": "petunjuk teknis", "plt": "pelaksana tugas",
	"plh": "pelaksana harian", "pjs": "pejabat sementara", "bnpt": "badan nasional penanggulangan terorisme",
	"bssn": "badan siber dan sandi negara", "lpsk": "lembaga perlindungan saksi dan korban",
	"komnas": "komisi nasional", "kejari": "kejaksaan negeri", "kejati": "kejaksaan tinggi",
	"kejagung": "kejaksaan agung", "pdam": "perusahaan daerah air minum", "tbk": "terbuka",
	// up to three letters: capitals only
	"dpr": "dewan perwakilan rakyat", "dpd": "dewan perwakilan daerah", "mpr": "majelis permusyawaratan rakyat",
	"kpk": "komisi pemberantasan korupsi", "kpu": "komisi pemilihan umum", "bpk": "badan pemeriksa keuangan",
	"bps": "badan pusat statistik", "tni": "tentara nasional indonesia", "asn": "aparatur sipil negara",
	"pns": "pegawai negeri sipil", "opd": "organisasi perangkat daerah", "ksp": "kantor staf presiden",
	"ktp": "kartu tanda penduduk", "nik": "nomor induk kependudukan", "blt": "bantuan langsung tunai",
	"pkh": "program keluarga harapan", "ikn": "ibu kota nusantara", "pln": "perusahaan listrik negara",
	"bnn": "badan narkotika nasional", "ojk": "otoritas jasa keuangan", "bi": "bank indonesia",
	"uu": "undang-undang", "pp": "peraturan pemerintah", "sk": "surat keputusan", "se": "surat edaran",
	"pj": "penjabat", "rt": "rukun tetangga", "rw": "rukun warga", "kk": "kartu keluarga",
	"pt": "perseroan terbatas", "pn": "pengadilan negeri", "ma": "mahkamah agung", "mk": "mahkamah konstitusi",
	"ham": "hak asasi manusia", "pmi": "palang merah indonesia", "pbb": "pajak bumi dan bangunan",
}

// expandedAbbrevs holds the words of each undotted abbreviation of more
// than three letters whose expansion has several ("pemkab" → pemerintah,
// kabupaten), for Options.WriteOut. Built once, never changed.
var expandedAbbrevs = func() map[string][]string {
	m := map[string][]string{}
	for k, e := range undottedAbbrevs {
		ws := strings.FieldsFunc(e, func(r rune) bool { return r != '-' && !unicode.IsLetter(r) })
		if len(k) > 3 && len(ws) > 1 {
			m[k] = ws
		}
	}
	return m
}()

// maxAbbrev is the longest key of either table, in bytes.
const maxAbbrev = 24

// lowerASCII writes the ASCII lower case of s into buf; false if s is too
// long or not ASCII.
func lowerASCII(buf []byte, s string) ([]byte, bool) {
	if len(s) > cap(buf) {
		return nil, false
	}
	buf = buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil, false
		}
		if isASCIIUpper(c) {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf, true
}

func isDottedAbbrev(s string) bool {
	var arr [maxAbbrev]byte
	low, ok := lowerASCII(arr[:0], s)
	if !ok {
		return false
	}
	if _, ok := dottedAbbrevs[string(low)]; !ok {
		return false
	}
	return !capitalOnly[string(low)] || isASCIIUpper(s[0])
}

func isUndottedAbbrev(s string) bool {
	if len(s) < 2 || len(s) > maxAbbrev {
		return false
	}
	var arr [maxAbbrev]byte
	low, ok := lowerASCII(arr[:0], s)
	if !ok {
		return false
	}
	if _, ok := undottedAbbrevs[string(low)]; !ok {
		return false
	}
	return len(s) > 3 || allUpper(s)
}

func allUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIUpper(s[i]) {
			return false
		}
	}
	return true
}

// ExpandAbbrev returns the expansion of an abbreviation in the built-in
// list ("Kab." → "kabupaten", "Pemprov" → "pemerintah provinsi", "S.H." →
// "sarjana hukum"), and whether it is known. Case does not matter.
func ExpandAbbrev(abbr string) (string, bool) {
	var arr [maxAbbrev]byte
	low, ok := lowerASCII(arr[:0], abbr)
	if !ok {
		return "", false
	}
	if e, ok := dottedAbbrevs[string(low)]; ok {
		return e, true
	}
	e, ok := undottedAbbrevs[string(low)]
	return e, ok
}
