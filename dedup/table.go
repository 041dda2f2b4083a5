package dedup

// table maps band keys to the newest chain entry: open addressing with
// linear probing over parallel arrays, grown at 3/4 load. It does what a
// map[uint64]uint32 does at a third of the cost of Go's map on this load
// (one insert per band, 42 per text), which is most of an Add. Key 0 marks
// an empty slot, so a zero key is stored as 1 (a band key is a hash; the
// merge only costs a verification).
type table struct {
	keys []uint64
	vals []uint32
	n    int
}

func (t *table) get(k uint64) uint32 {
	if t.n == 0 {
		return 0
	}
	k = nonzero(k)
	mask := uint64(len(t.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

// swap stores v under k and returns the value it replaces (0 if none).
func (t *table) swap(k uint64, v uint32) uint32 {
	if 4*(t.n+1) > 3*len(t.keys) {
		t.grow()
	}
	k = nonzero(k)
	mask := uint64(len(t.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			old := t.vals[i]
			t.vals[i] = v
			return old
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return 0
		}
	}
}

func (t *table) grow() {
	keys, vals := t.keys, t.vals
	size := max(1024, 2*len(keys))
	t.keys, t.vals, t.n = make([]uint64, size), make([]uint32, size), 0
	mask := uint64(size - 1)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := k & mask
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.vals[i] = k, vals[j]
		t.n++
	}
}

func nonzero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}
