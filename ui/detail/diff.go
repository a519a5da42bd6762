package detail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/history"
	"github.com/zoompose/zoompose/themes"
	"github.com/zoompose/zoompose/ui/termtext"
)

// side is one side of a diff: a name for the header and a revision.
type side struct {
	name string
	rev  history.Revision
}

// diffText is the unified diff from a to b of their card source. A
// revision stored without source (a card sent from a .json file or outside
// zoompose) is shown as the source compose.Format makes of its JSON, so every
// diff, the first revision's against nothing included, reads the same way;
// only when a side's JSON cannot be read as a card are both compared as
// pretty-printed JSON (comparing source with JSON would show every line as
// changed). When the two went (or go) to Zoom with different
// is_markdown_support, a first line on each side says so: the same text
// reads differently to Zoom then. The second result names what was
// compared; the diff is "" when the two are the same.
func diffText(a, b side) (string, string) {
	what := "card source"
	from, okFrom := sourceText(a.rev)
	to, okTo := sourceText(b.rev)
	if !okFrom || !okTo {
		what = "content JSON"
		from, to = prettyJSON(a.rev.Content), prettyJSON(b.rev.Content)
	}
	if len(a.rev.Content) > 0 && a.rev.Markdown != b.rev.Markdown {
		what += " and is_markdown_support"
		from, to = markdownLine(a.rev.Markdown)+from, markdownLine(b.rev.Markdown)+to
	}
	return udiff.Unified(a.name, b.name, withNewline(from), withNewline(to)), what
}

// sourceText is rev as card source: its own, what compose.Format makes of
// its JSON, or "" for no revision at all (the first one's base). False when
// its JSON is not a card that can be written as source.
func sourceText(rev history.Revision) (string, bool) {
	if rev.Source == "" && len(bytes.TrimSpace(rev.Content)) == 0 {
		return "", true
	}
	source, err := compose.EditSource(rev.Source, rev.Content)
	return source, err == nil
}

func markdownLine(on bool) string {
	return fmt.Sprintf("is_markdown_support: %t\n", on)
}

// revisionSide is revision i of msg as a side of a diff, with the markdown
// flag it was sent with.
func revisionSide(msg history.Message, i int) side {
	rev := msg.Revisions[i]
	rev.Markdown = msg.SentWithMarkdown(i)
	return side{name: revisionName(msg, i), rev: rev}
}

// prettyJSON indents content; content that is not JSON is shown as it is.
func prettyJSON(content json.RawMessage) string {
	if len(bytes.TrimSpace(content)) == 0 {
		return ""
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, content, "", "  "); err != nil {
		return string(content)
	}
	return buf.String()
}

// withNewline ends non-empty text with a newline, so that a last line
// without one does not show as "\ No newline at end of file".
func withNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// colourDiff styles a unified diff: additions green, removals red, hunk
// headers muted. Under NO_COLOR the + and − columns still tell them apart.
func colourDiff(s themes.Styles, diff string) string {
	lines := strings.Split(strings.TrimRight(diff, "\n"), "\n")
	for i, line := range lines {
		line = termtext.Visible(line) // card text: shown, never interpreted
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
			lines[i] = s.Title.Render(line)
		case strings.HasPrefix(line, "@@"):
			lines[i] = s.Muted.Render(line)
		case strings.HasPrefix(line, "+"):
			lines[i] = s.OK.Render(line)
		case strings.HasPrefix(line, "-"):
			lines[i] = s.Error.Render(line)
		default:
			lines[i] = s.Text.Render(line)
		}
	}
	return strings.Join(lines, "\n")
}

// sourceOf is the card source to put in the composer for rev: the source it
// was written in, or what compose.Format makes of its JSON.
func sourceOf(id string, rev history.Revision) (string, error) {
	source, err := compose.EditSource(rev.Source, rev.Content)
	if err != nil {
		return "", fmt.Errorf("the stored card of message %s could not be read (%v); write the card again in the composer", id, err)
	}
	return source, nil
}

// revisionName names revision i (0-based) of m for diff headers.
func revisionName(m history.Message, i int) string {
	if i == len(m.Revisions)-1 {
		return fmt.Sprintf("revision %d (live)", i+1)
	}
	return fmt.Sprintf("revision %d", i+1)
}
