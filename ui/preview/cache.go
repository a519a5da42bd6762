package preview

import (
	"container/list"
	"sync"
)

// blockKey identifies one rendered block: the SHA-256 of the element's
// canonical JSON plus everything outside the element that changes how it is
// drawn. The theme is not part of it because a cache belongs to one Renderer,
// and a Renderer to one theme.
type blockKey struct {
	sum      [32]byte
	width    int
	markdown bool   // the card-level is_markdown_support
	sidebar  string // settings.default_sidebar_color, used by sections
	framed   bool   // a top-level row of the card, drawn inside its frame
	head     bool   // the card's head: an element without "type" can have its JSON
}

// blockCache is a least-recently-used map from blockKey to rendered text,
// safe for concurrent use. Bounding it by entry count keeps a long session
// (many edits, many widths) from growing without end.
type blockCache struct {
	mu      sync.Mutex
	limit   int
	order   *list.List // front = most recently used; values are *cacheEntry
	entries map[blockKey]*list.Element
	hits    uint64
	misses  uint64
}

type cacheEntry struct {
	key  blockKey
	text string
}

func newBlockCache(limit int) *blockCache {
	return &blockCache{limit: limit, order: list.New(), entries: make(map[blockKey]*list.Element)}
}

func (c *blockCache) get(k blockKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		c.misses++
		return "", false
	}
	c.hits++
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).text, true
}

func (c *blockCache) put(k blockKey, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		el.Value.(*cacheEntry).text = text
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&cacheEntry{key: k, text: text})
	for c.order.Len() > c.limit {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).key)
	}
}

// CacheStats counts block cache lookups since the Renderer was made.
type CacheStats struct {
	Hits, Misses uint64 // lookups answered from the cache / rendered afresh
	Entries      int    // blocks held now (at most the cache limit)
}

func (c *blockCache) stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Entries: c.order.Len()}
}
