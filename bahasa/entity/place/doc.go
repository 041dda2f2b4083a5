// Package place finds mentions of Indonesian administrative regions in
// running text — provinces, kabupaten/kota, kecamatan and desa/kelurahan —
// and resolves each to its kode wilayah in the region gazetteer.
//
// # What is a mention
//
// Place names are read from capitalised words ("Jambi", "JAMBI", not
// "jambi"), joined by spaces or hyphens, never across other punctuation;
// after the level word or title of a province or a kabupaten/kota, in lower
// case too ("kab. muaro jambi", "bupati bogor"), as posts are often
// written. A mention is either:
//
//   - introduced by a level word: "Provinsi Jambi", "Kabupaten Muaro
//     Jambi", "Kab. Muaro Jambi", "Kota Jambi", "Kecamatan Gambir", "Kec.
//     Gambir", "Desa Sukamaju", "Kelurahan Kebon Kelapa". The span then
//     includes the level word. An office or an official's title works the
//     same way without being part of the span: "Pemprov Jawa Barat",
//     "Gubernur Jambi", "Pemkab Bogor", "Bupati Bogor", "Pemkot Surabaya",
//     "Wali Kota Bogor", "Camat Gambir", "Lurah Gambir", "Kades Sukamaju";
//   - a bare name of a province or a kabupaten/kota ("di Jambi", "Jawa
//     Barat", "Jabar", "Bogor"). Kecamatan and desa are never taken bare:
//     their names are too often ordinary words or people's names.
//
// Bare names that are ordinary words as well (Batu, Metro, Puncak, Buru,
// Batang, Kudus, ...) are never taken bare, and desa or kecamatan names
// that are ordinary words (Baru, Maju, Jaya, Wisata, ...) are never taken
// even after a level word. The longest name wins: "Lampung Selatan" is the
// kabupaten, not the province Lampung followed by a word.
//
// # Ambiguity
//
// Finder.Find collects every mention first and resolves them together, so
// that one mention is the context of another:
//
//  1. A level word restricts the candidates: "Kota" to kota, "Kabupaten"
//     to kabupaten, and so on.
//  2. A bare name that is a province and also a kota or kabupaten (Jambi,
//     Bengkulu, Gorontalo, Yogyakarta) is the province: the higher level.
//  3. A name left with several kabupaten/kota candidates (Bogor, Malang,
//     Banjar, ...) is, in this order: the candidate that another mention of
//     the same text names without ambiguity ("Kota Bogor ... Bogor"); the
//     single candidate whose province the text mentions; the single
//     candidate that holds a kecamatan the text names after its level
//     word, or else a desa ("Kecamatan Cibadak, Sukabumi" is the
//     kabupaten), counting only those no unambiguously named kabupaten/kota
//     holds; otherwise the kota, because in these pairs the kabupaten
//     took its name from the town and a bare name in the news most often
//     means the town. Such a guess scores 0.6.
//  4. A kecamatan or desa is accepted only when exactly one of the places of
//     that name lies inside a region the text mentions (the nearest
//     mentioned ancestor wins: a kecamatan before a kabupaten before a
//     province), or when the name is unique in the country. Otherwise it
//     is dropped.
//
// Score says how the mention was resolved: 1 for a level word and a
// single candidate, 0.9 for a single candidate without level word or one
// chosen by rule 2 or by a mentioned kecamatan or kabupaten, 0.8 for one
// chosen by a mentioned province or as the holder of a mentioned kecamatan
// or desa, 0.7 for a desa or kecamatan unique in the country, 0.6 for the
// default of rule 3.
//
// # Datelines
//
// Finder.FindStory reads a news item's title and text as Find does, but
// leaves out Jakarta when the text names it only in its dateline
// ("JAKARTA, KOMPAS.com –", "TEMPO.CO, Jakarta –", "Jakarta, CNN
// Indonesia --"): national newsrooms file from Jakarta about every region.
// A dateline elsewhere ("Magelang (ANTARA) –") counts.
package place
