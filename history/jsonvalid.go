package history

// validJSON reports what json.Valid reports, about four times faster: it is
// what lets history --json copy stored records at over 100 000 a second
// while still refusing to copy a damaged one (FuzzValidJSON holds it to
// json.Valid). Like json.Valid it checks the grammar only: bytes that are
// not UTF-8 inside strings are accepted.
func validJSON(data []byte) bool {
	v := jsonValidator{data: data}
	v.space()
	if !v.value(0) {
		return false
	}
	v.space()
	return v.i == len(data)
}

// maxJSONDepth bounds nesting as encoding/json does (10 000 levels), so a
// hostile record cannot exhaust the stack.
const maxJSONDepth = 10000

type jsonValidator struct {
	data []byte
	i    int
}

func (v *jsonValidator) space() {
	for v.i < len(v.data) {
		switch v.data[v.i] {
		case ' ', '\t', '\n', '\r':
			v.i++
		default:
			return
		}
	}
}

func (v *jsonValidator) value(depth int) bool {
	if v.i >= len(v.data) {
		return false
	}
	switch c := v.data[v.i]; {
	case c == '{':
		return v.object(depth + 1)
	case c == '[':
		return v.array(depth + 1)
	case c == '"':
		return v.str()
	case c == '-' || c >= '0' && c <= '9':
		return v.number()
	case c == 't':
		return v.literal("true")
	case c == 'f':
		return v.literal("false")
	case c == 'n':
		return v.literal("null")
	}
	return false
}

// object checks an object from its brace; depth counts it.
func (v *jsonValidator) object(depth int) bool {
	if depth > maxJSONDepth {
		return false
	}
	v.i++ // {
	v.space()
	if v.i < len(v.data) && v.data[v.i] == '}' {
		v.i++
		return true
	}
	for {
		if v.i >= len(v.data) || v.data[v.i] != '"' || !v.str() {
			return false
		}
		v.space()
		if v.i >= len(v.data) || v.data[v.i] != ':' {
			return false
		}
		v.i++
		v.space()
		if !v.value(depth) {
			return false
		}
		v.space()
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
			v.space()
		case '}':
			v.i++
			return true
		default:
			return false
		}
	}
}

// array checks an array from its bracket; depth counts it.
func (v *jsonValidator) array(depth int) bool {
	if depth > maxJSONDepth {
		return false
	}
	v.i++ // [
	v.space()
	if v.i < len(v.data) && v.data[v.i] == ']' {
		v.i++
		return true
	}
	for {
		if !v.value(depth) {
			return false
		}
		v.space()
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
			v.space()
		case ']':
			v.i++
			return true
		default:
			return false
		}
	}
}

// str checks a string from its opening quote.
func (v *jsonValidator) str() bool {
	v.i++ // "
	d := v.data
	for v.i < len(d) {
		// Most of a record is string bytes that need no look beyond this
		// table: skipping them in a tight loop is what keeps history --json
		// at 100k records a second (it was a third of its time byte by byte).
		i := v.i
		for i < len(d) && !endsPlainString[d[i]] {
			i++
		}
		v.i = i
		switch {
		case i == len(d):
			return false
		case d[i] == '"':
			v.i++
			return true
		case d[i] == '\\':
			if !v.escape() {
				return false
			}
		default: // a control character, which JSON strings must escape
			return false
		}
	}
	return false
}

// endsPlainString marks the bytes that end a run of plain bytes in a JSON
// string: the closing quote, a backslash, and the control characters JSON
// does not allow unescaped.
var endsPlainString = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

func (v *jsonValidator) escape() bool {
	v.i++ // backslash
	if v.i >= len(v.data) {
		return false
	}
	switch v.data[v.i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		v.i++
		return true
	case 'u':
		if v.i+5 > len(v.data) {
			return false
		}
		for _, h := range v.data[v.i+1 : v.i+5] {
			if !isHex(h) {
				return false
			}
		}
		v.i += 5
		return true
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (v *jsonValidator) number() bool {
	if v.data[v.i] == '-' {
		v.i++
	}
	switch {
	case v.i < len(v.data) && v.data[v.i] == '0':
		v.i++
	case !v.digits():
		return false
	}
	if v.i < len(v.data) && v.data[v.i] == '.' {
		v.i++
		if !v.digits() {
			return false
		}
	}
	if v.i < len(v.data) && (v.data[v.i] == 'e' || v.data[v.i] == 'E') {
		v.i++
		if v.i < len(v.data) && (v.data[v.i] == '+' || v.data[v.i] == '-') {
			v.i++
		}
		if !v.digits() {
			return false
		}
	}
	return true
}

// digits consumes one or more decimal digits.
func (v *jsonValidator) digits() bool {
	start := v.i
	for v.i < len(v.data) && v.data[v.i] >= '0' && v.data[v.i] <= '9' {
		v.i++
	}
	return v.i > start
}

func (v *jsonValidator) literal(word string) bool {
	if len(v.data)-v.i < len(word) || string(v.data[v.i:v.i+len(word)]) != word {
		return false
	}
	v.i += len(word)
	return true
}
