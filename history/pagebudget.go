package history

// releaseAfter is how many bytes of the history file a walk reads between
// two releases of the file pages it has read (see releaseMapped). A walk
// that reads less in all releases nothing, so the pages of a first page, a
// filter over the summaries or a search the search blocks narrow down stay
// mapped for the next query, which reads most of them again; a walk that
// reads the whole file (history --json, export, a search with no trigram)
// holds at most about this much of it at a time. Counting bytes rather than
// entries matters: 2 048 index summaries are 160 KiB, 2 048 message records
// 2.3 MiB, and every release makes the next read of each page a fault.
const releaseAfter = 4 << 20

// pageBudget counts the bytes of the file a walk reads and gives back the
// pages read each time releaseAfter more were read.
type pageBudget struct {
	release      func() // nil keeps the pages (nothing to give back on this system, or a benchmark's choice)
	read         int    // bytes read in all
	sinceRelease int
}

// add counts n more bytes read.
func (b *pageBudget) add(n int) {
	b.read += n
	if b.sinceRelease += n; b.sinceRelease >= releaseAfter && b.release != nil {
		b.release()
		b.sinceRelease = 0
	}
}

// done ends the walk: one that read a lot gives back what it still holds.
func (b *pageBudget) done() {
	if b.read >= releaseAfter && b.release != nil {
		b.release()
	}
}
