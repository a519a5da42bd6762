package history

// releaseAfter is how many bytes of records and search text a walk reads
// between two releases of the file pages it has read (see releaseMapped).
// Index summaries count an eighth (indexShare): they are small, a filter
// that matches nothing reads all of them (6 MB at 100 000 messages), and the
// faults after a release would make it 1.5 to 3 times slower. A walk that
// reads less in all releases nothing, so the pages of a first page, a filter
// over the summaries or a search the search blocks narrow down stay mapped
// for the next query, which reads most of them again; a walk through the
// whole file (history --json, export, a search with no trigram) holds about
// this much of it at a time on any history.
const (
	releaseAfter = 4 << 20
	indexShare   = 8
)

// pageBudget counts the bytes of the file a walk reads and gives back the
// pages read each time releaseAfter more were read.
type pageBudget struct {
	release      func() // nil keeps the pages (nothing to give back on this system, or a benchmark's choice)
	read         int    // bytes counted in all
	sinceRelease int
}

// add counts n bytes of records or search text read.
func (b *pageBudget) add(n int) {
	b.read += n
	if b.sinceRelease += n; b.sinceRelease >= releaseAfter && b.release != nil {
		b.release()
		b.sinceRelease = 0
	}
}

// addIndex counts n bytes of index keys and summaries read.
func (b *pageBudget) addIndex(n int) { b.add(n / indexShare) }

// done ends the walk: one that read a lot gives back what it still holds.
func (b *pageBudget) done() {
	if b.read >= releaseAfter && b.release != nil {
		b.release()
	}
}
