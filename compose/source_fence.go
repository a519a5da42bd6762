package compose

// A fence whose info string is not an element name is a Markdown code block
// (```go): CommonMark's rule, and what authors paste.

// codeLanguage notes that a fence's info string was dropped, and warns when
// it looks like a misspelt element name (```feilds), which would otherwise
// go out as a code block unnoticed.
func (p *parser) codeLanguage(kind string, line, col int) {
	if near := nearKind(kind); near != "" {
		p.warnAt(line, col, "```"+kind+" is not a zoompose element, so this block is sent as a code block; did you mean "+near+"?")
		return
	}
	if !p.mode.converts() {
		return // markdown off: the fence is sent as written, language and all (codeBlock)
	}
	p.report(Note, line, col, "```"+kind+": a code block; Zoom shows code without highlighting, so the language is left out")
}

// nearKind returns the element kind is a likely misspelling of: one
// edit away (two for longer words), or a name Zoom does not have but an
// unreliable source uses (facts.md §1.6).
func nearKind(kind string) string {
	if use, ok := zplugFences[kind]; ok {
		return use
	}
	if len(kind) < 4 {
		return ""
	}
	allowed := 1
	if len(kind) >= 8 {
		allowed = 2
	}
	for _, name := range blockKindNames() {
		if editDistance(kind, name, allowed) <= allowed {
			return "```" + name
		}
	}
	return ""
}

// zplugFences are element names some sources invent, as fences, and the
// block that makes the element.
var zplugFences = map[string]string{"header": "head: in the front matter", "styled_text": "```message", "dropdown": "```select", "form_field": "```fields"}

// editDistance is the number of edits (insert, delete, replace, or swap two
// neighbours) between a and b, or limit+1 when it is plainly larger (both
// are short fence words).
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit || len(a) > 64 || len(b) > 64 {
		return limit + 1
	}
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		before, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		rows = [3][]int{prev, cur, before}
	}
	return rows[1][len(b)]
}
