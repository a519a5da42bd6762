package compose

import "strings"

// link converts [label](destination "title") at s[i] (s[i] == '['), or
// ![alt](…) when image, into Zoom's <url|label>. It returns the index after
// the link, or the index it started at when there is none. The label gets
// the same inline conversion as any text, except that it cannot hold a link
// or the characters that end one in Zoom (see text).
func (cv *converter) link(s string, i, off int, image bool) int {
	from := i
	if image {
		from = i - 1
	}
	labelEnd, ok := linkLabelEnd(s, i, cv.bg)
	if !ok {
		return from
	}
	var dest, title string
	var end int
	if labelEnd+1 < len(s) && s[labelEnd+1] == '(' {
		dest, title, end, ok = linkDestination(s, labelEnd+2, cv.bg)
	}
	if !ok || dest == "" {
		if dest, end, ok = cv.reference(s, i, labelEnd); !ok {
			return from
		}
	}
	label := s[i+1 : labelEnd]
	if !image && cv.holdsLink(label) {
		// CommonMark: a link cannot hold a link; the inner one is the link,
		// and the outer brackets are text.
		return from
	}
	cv.saw(linkKind(image), off+from, off+end)
	url := encodeURL(dest)
	cv.risky = cv.risky || strings.ContainsAny(url, "*_~`")
	start := cv.out()
	cv.b.WriteByte('<')
	cv.b.WriteString(url)
	if strings.TrimSpace(label) != "" && label != dest {
		cv.b.WriteByte('|')
		cv.label, cv.replaced = true, false
		cv.depth++
		cv.inline(label, off+i+1)
		cv.depth--
		cv.label = false
	}
	cv.b.WriteByte('>')
	written := cv.b.String()[cv.base+start:]
	if absoluteURL(url) {
		record(cv, &cv.spans, meantSpan{start, cv.out(), '<', off + from})
	} else {
		cv.issues = append(cv.issues, mdIssue{Off: off + from, Message: "link: Zoom links only absolute URLs (https://…, mailto:…); " +
			"it shows " + clip(written) + " as typed"})
	}
	if image {
		cv.issues = append(cv.issues, mdIssue{Off: off + from, Message: "image: Zoom does not show images in text; it is sent as the link " + written})
	}
	if title != "" {
		cv.issues = append(cv.issues, mdIssue{Off: off + from, Note: true, Message: "link title " + clip(title) +
			": Zoom's links have no title; it is left out"})
	}
	return end
}

// reference reads a reference link whose label is s[i:labelEnd+1]: full
// ([a][b]), collapsed ([a][]) or shortcut ([a]), when the card defines its
// label. It returns the destination and the index after the link.
func (cv *converter) reference(s string, i, labelEnd int) (string, int, bool) {
	if cv.refs == nil {
		return "", 0, false
	}
	label := s[i+1 : labelEnd]
	if labelEnd+1 < len(s) && s[labelEnd+1] == '[' {
		if k := cv.bg.indexByte(s[labelEnd+2:], ']'); k >= 0 {
			ref := s[labelEnd+2 : labelEnd+2+k]
			if strings.TrimSpace(ref) == "" {
				ref = label
			}
			dest, ok := cv.refs.get(ref)
			return dest, labelEnd + 3 + k, ok
		}
	}
	dest, ok := cv.refs.get(label)
	return dest, labelEnd + 1, ok
}

// holdsLink reports whether a link's label holds a link (not an image),
// within the line's budget.
func (cv *converter) holdsLink(label string) bool {
	if !strings.Contains(label, "]") {
		return false
	}
	for j := 0; j < len(label) && cv.bg.spend(1); j++ {
		switch label[j] {
		case '\\':
			j++
		case '`':
			if e, ok := codeSpan(label, j, cv.bg); ok {
				j = e - 1
			}
		case '[':
			if j > 0 && label[j-1] == '!' {
				continue
			}
			e, ok := linkLabelEnd(label, j, cv.bg)
			if !ok {
				continue
			}
			if e+1 < len(label) && label[e+1] == '(' {
				if d, _, _, ok := linkDestination(label, e+2, cv.bg); ok && d != "" {
					return true
				}
			}
			if _, _, ok := cv.reference(label, j, e); ok {
				return true
			}
		}
	}
	return false
}

// linkLabelEnd finds the ']' that closes the label opened at s[i], over
// balanced brackets, escapes and code spans.
func linkLabelEnd(s string, i int, bg *budget) (int, bool) {
	depth := 0
	for j := i + 1; j < len(s); j++ {
		if !bg.spend(1) {
			return 0, false
		}
		switch s[j] {
		case '\\':
			j++
		case '`':
			if e, ok := codeSpan(s, j, bg); ok {
				j = e - 1
			}
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return j, true
			}
			depth--
		}
	}
	return 0, false
}

// linkDestination reads what follows "](": a destination (<…> or one
// without spaces and with balanced parentheses), an optional title in
// quotes or parentheses, and the closing ')'. The destination comes back
// with its escapes removed.
func linkDestination(s string, j int, bg *budget) (dest, title string, end int, ok bool) {
	start, k := j, j // k: how far the scan got, charged to the budget
	defer func() { bg.spend(k - start + 1) }()
	j = skipBlanks(s, j)
	if j < len(s) && s[j] == '<' {
		k = j + 1
		for ; k < len(s) && s[k] != '>'; k++ {
			if s[k] == '<' {
				return "", "", 0, false
			}
			if s[k] == '\\' {
				k++
			}
		}
		if k >= len(s) {
			return "", "", 0, false
		}
		dest, j = unescape(s[j+1:k]), k+1
	} else {
		depth := 0
		k = j
	scan:
		for ; k < len(s); k++ {
			switch c := s[k]; {
			case c == '\\' && k+1 < len(s) && isASCIIPunct(s[k+1]):
				k++
			case c == ' ' || c == '\t':
				break scan
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					break scan
				}
				depth--
			}
		}
		if depth != 0 {
			return "", "", 0, false
		}
		dest, j = unescape(s[j:k]), k
	}
	if t := skipBlanks(s, j); t > j && t < len(s) && strings.IndexByte(`"'(`, s[t]) >= 0 {
		closing := s[t]
		if closing == '(' {
			closing = ')'
		}
		k = t + 1
		for ; k < len(s) && s[k] != closing; k++ {
			if s[k] == '\\' {
				k++
			}
		}
		if k >= len(s) {
			return "", "", 0, false
		}
		title, j = unescape(s[t+1:k]), k+1
	}
	j = skipBlanks(s, j)
	k = j
	if j >= len(s) || s[j] != ')' {
		return "", "", 0, false
	}
	return dest, title, j + 1, true
}

func skipBlanks(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return j
}

// autolink converts <scheme://…>, <mailto:…> and <user@example.com> at s[i].
// A '|' in the URL is percent-encoded: Zoom would read <https://x/a|b> as
// the URL https://x/a labelled b.
func (cv *converter) autolink(s string, i, off int) int {
	if !cv.bg.ok() {
		return i
	}
	end := cv.bg.indexByte(s[i:], '>')
	if end < 0 {
		return i
	}
	body := s[i+1 : i+end]
	if body == "" || strings.ContainsAny(body, " \t<") {
		return i
	}
	start := cv.out()
	cv.risky = cv.risky || strings.ContainsAny(body, "*_~`")
	switch {
	case strings.Contains(body, "://") || strings.HasPrefix(body, "mailto:"):
		cv.b.WriteByte('<')
		cv.b.WriteString(encodeURL(body))
		cv.b.WriteByte('>')
	case isEmail(body):
		cv.b.WriteString("<mailto:")
		cv.b.WriteString(body)
		cv.b.WriteByte('|')
		cv.b.WriteString(body)
		cv.b.WriteByte('>')
	default:
		return i
	}
	record(cv, &cv.spans, meantSpan{start, cv.out(), '<', off + i})
	cv.saw(constructAutolink, off+i, off+i+end+1)
	return i + end + 1
}

// isEmail is CommonMark's email autolink, without the characters Zoom's
// link syntax gives a meaning.
func isEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.ContainsAny(local, "|`") {
		return false
	}
	for _, c := range []byte(local) {
		if !isWordByte(c) && strings.IndexByte(".!#$%&'*+/=?^_{}~-", c) < 0 {
			return false
		}
	}
	for _, part := range strings.Split(domain, ".") {
		if part == "" || part[0] == '-' || part[len(part)-1] == '-' {
			return false
		}
		for _, c := range []byte(part) {
			if !(isLetter(c) || (c >= '0' && c <= '9') || c == '-') {
				return false
			}
		}
	}
	return true
}

// encodeURL percent-encodes what Zoom's <url|label> cannot hold in a URL:
// '|' (it would start the label), '>' (it would end the link), '<' and
// spaces. The URL means the same.
func encodeURL(u string) string {
	if !strings.ContainsAny(u, "|<> ") {
		return u
	}
	return urlEscaper.Replace(u)
}

var urlEscaper = strings.NewReplacer("|", "%7C", ">", "%3E", "<", "%3C", " ", "%20")

// absoluteURL is what Zoom makes a link of (see zoomLinkAt).
func absoluteURL(u string) bool { return strings.Contains(u, "://") || strings.HasPrefix(u, "mailto:") }

// clip quotes s for a message, cut to about 40 bytes on a character boundary.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return `"` + s + `"`
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return `"` + s[:cut] + `…"`
}
