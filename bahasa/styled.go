package bahasa

// Styled letters: scam and hoax posts write words in the "fonts" of
// Unicode's Mathematical Alphanumeric Symbols (𝐆𝐄𝐁𝐘𝐀𝐑, 𝘯𝘢𝘴𝘢𝘣𝘢𝘩), in
// fullwidth forms (ＢＰＪＳ) or in small capitals (ᴅɪꜰᴏʟʟᴏᴡ), which
// filters and searches do not read as letters. Folding maps them to the
// plain letters they stand for, so that such a text is analysed like any
// other.

// plainLetter returns the lower-case ASCII letter or digit that a styled
// letter stands for; false for any other rune.
func plainLetter(r rune) (byte, bool) {
	switch {
	case r >= 0x1D400 && r <= 0x1D6A3: // A–Z a–z in 13 styles, 52 each
		off := (r - 0x1D400) % 52
		if off < 26 {
			return byte('a' + off), true
		}
		return byte('a' + off - 26), true
	case r >= 0x1D7CE && r <= 0x1D7FF: // 0–9 in 5 styles
		return byte('0' + (r-0x1D7CE)%10), true
	case r >= 0xFF21 && r <= 0xFF3A: // fullwidth A–Z
		return byte('a' + r - 0xFF21), true
	case r >= 0xFF41 && r <= 0xFF5A: // fullwidth a–z
		return byte('a' + r - 0xFF41), true
	case r >= 0xFF10 && r <= 0xFF19: // fullwidth 0–9
		return byte('0' + r - 0xFF10), true
	}
	if c, ok := smallCapitals[r]; ok {
		return c, true
	}
	return 0, false
}

// smallCapitals are the small capital letters (and the look-alikes that
// stand in for the missing ones) of the phonetic blocks.
var smallCapitals = map[rune]byte{
	'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ꜰ': 'f', 'ғ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i',
	'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't',
	'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
	// Letterlike symbols that fill the holes of the mathematical styles.
	'ℎ': 'h', 'ℬ': 'b', 'ℰ': 'e', 'ℱ': 'f', 'ℋ': 'h', 'ℐ': 'i', 'ℒ': 'l', 'ℳ': 'm', 'ℛ': 'r', 'ℯ': 'e',
	'ℊ': 'g', 'ℴ': 'o', 'ℭ': 'c', 'ℌ': 'h', 'ℑ': 'i', 'ℜ': 'r', 'ℨ': 'z', 'ℂ': 'c', 'ℍ': 'h', 'ℕ': 'n',
	'ℙ': 'p', 'ℚ': 'q', 'ℝ': 'r', 'ℤ': 'z',
}
