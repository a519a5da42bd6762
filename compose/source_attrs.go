package compose

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// attr is one word of a fenced block's info line: a bare word ("primary",
// "#F56416", "Pick a colour" words) or key=value, where value may be
// "double quoted" with \" and \\ escapes. Col is the 0-based rune column.
type attr struct {
	Key, Value string
	Col        int
}

// parseAttrs splits an info line (after the block kind) into attrs. startCol
// is the rune column where info begins in its source line.
func parseAttrs(info string, startCol int) []attr {
	var attrs []attr
	counted, runes := 0, 0 // runes in info[:counted], counted as i moves on (not from 0 each time)
	for i := 0; i < len(info); {
		if info[i] == ' ' || info[i] == '\t' {
			i++
			continue
		}
		runes += utf8.RuneCountInString(info[counted:i])
		counted = i
		col := startCol + runes
		word, next := scanAttrWord(info, i)
		a := attr{Value: word, Col: col}
		if key, value, ok := strings.Cut(word, "="); ok && key != "" && !strings.ContainsAny(key, `"#`) {
			a.Key = key
			a.Value = value
			if strings.HasPrefix(info[i+len(key)+1:], `"`) {
				a.Value, next = scanQuoted(info, i+len(key)+1)
			}
		} else if strings.HasPrefix(word, `"`) {
			a.Value, next = scanQuoted(info, i)
		}
		attrs = append(attrs, a)
		i = next
	}
	return attrs
}

func scanAttrWord(s string, i int) (string, int) {
	j := i
	for j < len(s) && s[j] != ' ' && s[j] != '\t' {
		j++
	}
	return s[i:j], j
}

// scanQuoted reads a "quoted" value starting at s[i] == '"'. An unterminated
// quote runs to the end of the line.
func scanQuoted(s string, i int) (string, int) {
	var b strings.Builder
	j := i + 1
	for ; j < len(s); j++ {
		switch {
		case s[j] == '\\' && j+1 < len(s) && (s[j+1] == '"' || s[j+1] == '\\'):
			j++
			b.WriteByte(s[j])
		case s[j] == '"':
			return b.String(), j + 1
		default:
			b.WriteByte(s[j])
		}
	}
	return b.String(), j
}

// quoteAttr writes a value so parseAttrs reads it back unchanged.
func quoteAttr(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\"\\=") {
		return v
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

// setFlag applies a bare boolean word: "name" sets *field, "no-name" records
// an explicit false in extra under key. It reports whether word matched.
func setFlag(word, name, key string, field *bool, extra *map[string]json.RawMessage) bool {
	switch word {
	case name:
		*field = true
		dropExtra(extra, key) // a later word wins over an earlier no-name
	case "no-" + name:
		*field = false
		putExtra(extra, key, json.RawMessage("false"))
	default:
		return false
	}
	return true
}

// dropExtra removes key, leaving a nil map rather than an empty one.
func dropExtra(extra *map[string]json.RawMessage, key string) {
	delete(*extra, key)
	if len(*extra) == 0 {
		*extra = nil
	}
}

// markExplicitZero keeps a number written as 0 in extra under key (a zero
// field alone means "absent"), and forgets an earlier 0 when it is not.
func markExplicitZero(extra *map[string]json.RawMessage, key string, zero bool) {
	dropExtra(extra, key)
	if zero {
		putExtra(extra, key, json.RawMessage("0"))
	}
}

func putExtra(extra *map[string]json.RawMessage, key string, raw json.RawMessage) {
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[key] = raw
}

// flagWord is the inverse of setFlag for Format: "name", "no-name" or "".
func flagWord(v bool, name, key string, extra map[string]json.RawMessage) string {
	if v {
		return name
	}
	if string(extra[key]) == "false" {
		return "no-" + name
	}
	return ""
}

// styleWord applies one style word (#RRGGBB, bold, italic, no-bold,
// no-italic) to *s, creating the style when the word is one of them.
func styleWord(s **Style, word string) bool {
	st := *s
	if st == nil {
		st = &Style{}
	}
	switch {
	case setFlag(word, "bold", "bold", &st.Bold, &st.Extra), setFlag(word, "italic", "italic", &st.Italic, &st.Extra):
	case strings.HasPrefix(word, "#") && st.Color == "":
		st.Color = word
	default:
		return false
	}
	*s = st
	return true
}

// styleWords is the inverse of styleWord, or ok=false when the style holds
// something words cannot say (other keys, an empty colour key).
func styleWords(s *Style) (words []string, ok bool) {
	if s == nil {
		return nil, true
	}
	for k := range s.Extra {
		if k != "bold" && k != "italic" {
			return nil, false
		}
	}
	words = nonEmpty(s.Color, flagWord(s.Bold, "bold", "bold", s.Extra), flagWord(s.Italic, "italic", "italic", s.Extra))
	return words, len(words) > 0 && (s.Color == "" || strings.HasPrefix(s.Color, "#")) && !strings.ContainsAny(s.Color, " \t")
}

// nonEmpty keeps the words that are not "" (an unset attribute), in order.
func nonEmpty(words ...string) []string {
	var out []string
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func atoiAttr(v string) (int64, bool) {
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// bracketItem parses "[Text](value) rest" (value optional: "[Text] rest").
// Text may escape "]" as "\]". It returns the text, the value, whether a
// value was given, and the remainder after the item.
func bracketItem(s string) (text, value string, hasValue bool, rest string, ok bool) {
	if !strings.HasPrefix(s, "[") {
		return "", "", false, "", false
	}
	var b strings.Builder
	i := 1
	for ; i < len(s) && s[i] != ']'; i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == ']' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	if i >= len(s) {
		return "", "", false, "", false
	}
	rest = s[i+1:]
	if strings.HasPrefix(rest, "(") {
		if end := strings.IndexByte(rest, ')'); end > 0 {
			return b.String(), rest[1:end], true, rest[end+1:], true
		}
	}
	return b.String(), "", false, rest, true
}

// bracketText writes text for bracketItem.
func bracketText(text string) string {
	return "[" + strings.NewReplacer(`\`, `\\`, `]`, `\]`).Replace(text) + "]"
}

// listItem strips a "- " or "* " bullet.
func listItem(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
		return strings.TrimLeft(line[2:], " ")
	}
	return line
}
