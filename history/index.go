package history

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// summarySep separates the fields of a by_time value. JIDs and statuses never
// contain a newline.
const summarySep = '\n'

// encodeSummary is the by_time value: what List filters on without decoding
// the full record.
func encodeSummary(m Message) []byte {
	return []byte(string(m.Status) + string(summarySep) + m.ToJID)
}

// summaryWants reports whether a by_time value has the status and the
// recipient asked for ("" asks for any) without copying them out of the
// value: a status filter that matches nothing reads all 100 000 summaries.
// ok is false for a damaged value.
func summaryWants(v []byte, status Status, to string) (wants, ok bool) {
	i := bytes.IndexByte(v, summarySep)
	if i < 0 {
		return false, false
	}
	return (status == "" || string(v[:i]) == string(status)) && (to == "" || string(v[i+1:]) == to), true
}

// searchText is the search value: the string values of the live content
// (not its keys, not element "type" names) and the lines of its card source,
// lower-cased, so a text search is one substring test per record with no
// decoding. Each line is kept once: the source repeats most of the content's
// text, and halving the bucket halves the time of a search that scans it. A
// source line counts as a repeat when it differs only by leading Markdown
// markers ("# Title" and "Title").
func searchText(m Message) []byte {
	live := m.Live()
	var content strings.Builder
	var tree any
	if json.Unmarshal(live.Content, &tree) == nil {
		collectStrings(&content, tree)
	}
	seen := map[string]bool{}
	var out strings.Builder
	for _, text := range []string{content.String(), live.Source} {
		for line := range strings.Lines(strings.ToLower(text)) {
			line = strings.TrimSpace(line)
			key := strings.TrimLeft(line, "#>-*+ \t")
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			out.WriteString(line)
			out.WriteByte('\n')
		}
	}
	return []byte(out.String())
}

func collectStrings(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(v)
		b.WriteByte('\n')
	case []any:
		for _, e := range v {
			collectStrings(b, e)
		}
	case map[string]any:
		// Sorted so the stored bytes are the same on every write.
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if k != "type" {
				collectStrings(b, v[k])
			}
		}
	}
}
