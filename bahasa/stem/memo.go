package stem

import (
	"hash/maphash"
	"strings"
	"sync"
)

// memoShards spreads the memo over several locks so that goroutines
// stemming in parallel rarely meet.
const memoShards = 16

// memo is a bounded, sharded map from word to root. A full shard is
// cleared rather than evicted entry by entry: cheap, bounded, and on
// running text the frequent words come straight back.
type memo struct {
	seed   maphash.Seed
	limit  int // entries per shard; 0 disables the memo
	shards [memoShards]memoShard
}

type memoShard struct {
	mu sync.RWMutex
	m  map[string]string
	_  [32]byte // keep shards on separate cache lines
}

func newMemo(size int) *memo {
	m := &memo{seed: maphash.MakeSeed(), limit: max(0, (size+memoShards-1)/memoShards)}
	for i := range m.shards {
		m.shards[i].m = make(map[string]string)
	}
	return m
}

func (m *memo) shard(word string) *memoShard {
	return &m.shards[maphash.String(m.seed, word)%memoShards]
}

// get is the hot path: one hash, one read lock, one map lookup, no
// allocation.
func (m *memo) get(word string) (string, bool) {
	if m.limit == 0 {
		return "", false
	}
	sh := m.shard(word)
	sh.mu.RLock()
	root, ok := sh.m[word]
	sh.mu.RUnlock()
	return root, ok
}

// put remembers word's root. The key is copied so that a word sliced from
// a large text does not keep the text alive.
func (m *memo) put(word, root string) {
	if m.limit == 0 {
		return
	}
	sh := m.shard(word)
	sh.mu.Lock()
	if len(sh.m) >= m.limit {
		clear(sh.m)
	}
	sh.m[strings.Clone(word)] = strings.Clone(root)
	sh.mu.Unlock()
}
