package preview

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"github.com/zoompose/zoompose/compose"
	"github.com/zoompose/zoompose/compose/composetest"
	"github.com/zoompose/zoompose/themes"
)

// The preview property: for every card of compose's element list
// (compose/testdata/cards, one per element type of facts.md §1.3), every
// card of the preview's own goldens and every example of
// docs/card-source.md, drawn with markdown off and on, in a coloured theme
// and a plain one,
//   - every text of the payload that Zoom shows appears in the preview's
//     plain text, as Zoom shows it: with markdown on, the dialect's markers
//     are gone where they are drawn as style (coloured theme); otherwise, and
//     always in the plain theme, every character is there;
//   - nothing appears in the preview that the payload lacks, apart from the
//     labels and marks zoompose adds (allowedLabels, numbers it computes).
//
// The preview's plain text is its output with ANSI stripped, box and block
// drawing characters (frames, button borders, sidebars, bars) removed and
// whitespace runs made one space, which also undoes wrapping. Cards are drawn
// 400 columns wide, so wrapping never splits a word and nothing is cut to
// the width; each line of a payload text is looked for on its own, since a
// multi-line text beside another column (a horizontal section, short fields)
// is interleaved with it line by line. The one truncation left is a closed
// dropdown's, a fixed 36 columns whatever the width, as Zoom draws it: a text
// shown in one counts as shown when it is there whole or cut with "…" after
// at least its first ten characters.
func TestPreviewShowsThePayloadAndNothingElse(t *testing.T) {
	const width = 400
	cards := propertyCards(t)
	for _, th := range []themes.Theme{themes.Default(true), themes.NoColor()} {
		r := New(th)
		for _, pc := range cards {
			for _, markdown := range []bool{false, true} {
				out := r.RenderPayload(pc.content, markdown, width)
				got := normalize(out)
				var texts []shownText
				collectHead(&texts, pc.content.Head, markdown)
				collectElements(&texts, pc.content.Body, markdown)
				for _, st := range texts {
					for _, line := range strings.Split(st.expected(th.Plain), "\n") {
						want := normalizeSpace(line)
						if want == "" || strings.Contains(got, want) || (st.dropdown && cutWithEllipsis(got, want)) {
							continue
						}
						t.Errorf("%s, %s, markdown %v: %q (from %q) is not in the preview:\n%s", pc.name, th.Name, markdown, want, st.text, got)
					}
				}
				corpus := strings.ToLower(payloadCorpus(pc.content))
				for _, word := range strings.Fields(removeLabels(got)) {
					if !strings.Contains(corpus, strings.ToLower(word)) && !computed.MatchString(word) {
						t.Errorf("%s, %s, markdown %v: %q is in the preview but not in the payload:\n%s", pc.name, th.Name, markdown, word, got)
					}
				}
			}
		}
	}
}

type propertyCard struct {
	name    string
	content compose.Content
}

// propertyCards loads every card the property is checked on, and makes sure
// that together they hold every element type.
func propertyCards(t *testing.T) []propertyCard {
	t.Helper()
	var cards []propertyCard
	sources, _ := filepath.Glob(filepath.Join("..", "..", "compose", "testdata", "cards", "*.md"))
	for _, p := range sources {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cards = append(cards, parsedCards(t, "compose/"+filepath.Base(p), string(data))...)
	}
	examples, err := composetest.DocExamples(filepath.Join("..", "..", "docs", "card-source.md"))
	if err != nil {
		t.Fatal(err)
	}
	for i, src := range examples {
		cards = append(cards, parsedCards(t, "docs example "+itoa(i+1), src)...)
	}
	for name, c := range loadCards(t) {
		cards = append(cards, propertyCard{name: "preview/" + name, content: c})
	}
	if len(sources) < 15 || len(examples) < 15 {
		t.Fatalf("found only %d compose cards and %d documentation examples", len(sources), len(examples))
	}
	seen := map[string]bool{}
	for _, pc := range cards {
		walkElements(pc.content.Body, func(el compose.Element) { seen[el.ElementType()] = true })
	}
	for _, typ := range []string{compose.TypeMessage, compose.TypeFields, compose.TypeActions, compose.TypeSelect,
		compose.TypeAttachments, compose.TypeSection, compose.TypePage, compose.TypeFile, compose.TypeDivider,
		compose.TypeProgressBar, compose.TypeDatePicker, compose.TypeTimePicker, compose.TypeRadioButtons,
		compose.TypeCheckboxes, compose.TypeAlert, compose.TypeImages, compose.TypePlainTextInput, compose.TypeVideo} {
		if !seen[typ] {
			t.Errorf("no card of the property uses element type %q", typ)
		}
	}
	return cards
}

// parsedCards is the card src as it is sent with markdown converted, and as
// it is sent with markdown off (every text as written).
func parsedCards(t *testing.T, name, src string) []propertyCard {
	t.Helper()
	var out []propertyCard
	for _, mode := range []compose.MarkdownMode{compose.MarkdownAuto, compose.MarkdownOff} {
		c, diags := compose.ParseAs(src, mode)
		if compose.HasErrors(diags) {
			t.Fatalf("%s (markdown %v) does not parse:\n%s", name, mode, compose.FormatDiagnostics(name, diags))
		}
		out = append(out, propertyCard{name: name + " (markdown " + mode.String() + ")", content: c})
	}
	return out
}

func walkElements(els []compose.Element, visit func(compose.Element)) {
	for _, el := range els {
		visit(el)
		switch e := el.(type) {
		case compose.Section:
			walkElements(e.Sections, visit)
		case compose.Page:
			for _, p := range e.Pages {
				walkElements(p.Body, visit)
			}
		}
	}
}

// shownText is one text of the payload that Zoom shows, and how Zoom reads it.
type shownText struct {
	text     string
	how      reading
	dropdown bool // shown in a closed dropdown, which may cut it
}

// expected is the text as the preview must show it: with its dialect
// markers taken away where a coloured theme draws them as style.
func (st shownText) expected(plain bool) string {
	if plain || st.how == literal {
		return st.text
	}
	lines := strings.Split(st.text, "\n")
	inFence := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		fence := st.how == dialect && strings.HasPrefix(trimmed, "```") && !strings.Contains(trimmed[3:], "```")
		switch {
		case inFence || fence:
			if fence {
				inFence = !inFence
			}
		case st.how == dialect:
			lines[i] = compose.PlainText(line)
		default:
			lines[i] = linksShown(line)
		}
	}
	return strings.Join(lines, "\n")
}

// linksShown is a footer line as Zoom shows it: links as their label (or
// URL), every other character as written.
func linksShown(s string) string {
	var b strings.Builder
	for {
		sp, ok := compose.NextZoomSpan(s)
		if !ok {
			return b.String() + s
		}
		b.WriteString(s[:sp.Start])
		switch sp.Mark {
		case '<':
			b.WriteString(sp.Text)
		case '`':
			b.WriteString(s[sp.Start:sp.End])
		default:
			b.WriteString(s[sp.Start:sp.Start+1] + linksShown(sp.Text) + s[sp.End-1:sp.End])
		}
		s = s[sp.End:]
	}
}

func readingFor(markdown bool) reading {
	if markdown {
		return dialect
	}
	return literal
}

func collectHead(out *[]shownText, h *compose.Head, markdown bool) {
	if h == nil {
		return
	}
	*out = append(*out, shownText{text: h.Text, how: readingFor(markdown)})
	if h.SubHead != nil {
		*out = append(*out, shownText{text: h.SubHead.Text, how: readingFor(markdown)})
	}
}

// collectElements lists the texts Zoom shows of els, by the rules of
// facts.md §2.1: markdown applies to message text without a link, field
// values that are not editable and (links only) footers; everything else is
// shown as written. URLs, ids, values and colours are not shown text.
func collectElements(out *[]shownText, els []compose.Element, markdown bool) {
	add := func(text string, how reading) { *out = append(*out, shownText{text: text, how: how}) }
	for _, el := range els {
		switch e := el.(type) {
		case compose.Message:
			add(e.Text, readingFor((e.IsMarkdownSupport || (markdown && !e.MarkdownOff())) && e.Link == ""))
		case compose.Fields:
			for _, f := range e.Items {
				add(f.Key, literal)
				add(strings.TrimSpace(f.Value), readingFor(markdown && !f.Editable))
			}
		case compose.Actions:
			for _, b := range e.Items {
				add(b.Text, literal)
			}
		case compose.Select:
			// The dropdown shows the selected item, else its text as a placeholder.
			shown := e.Text
			if e.SelectedItem != nil && e.SelectedItem.Text != "" {
				shown = e.SelectedItem.Text
			}
			*out = append(*out, shownText{text: shown, how: literal, dropdown: true})
			for _, it := range e.SelectItems {
				add(it.Text, literal)
			}
		case compose.Section:
			collectElements(out, e.Sections, markdown)
			how := literal
			if markdown {
				how = linksOnly
			}
			add(e.Footer, how)
		case compose.Page:
			// Zoom shows one page at a time: the current one, else the first.
			if len(e.Pages) > 0 {
				current := e.Pages[0]
				for _, p := range e.Pages {
					if p.PageNo == e.CurPage {
						current = p
					}
				}
				collectElements(out, current.Body, markdown)
			}
		case compose.Attachments:
			if e.Information != nil {
				if e.Information.Title != nil {
					add(e.Information.Title.Text, literal)
				}
				if e.Information.Description != nil {
					add(e.Information.Description.Text, literal)
				}
			}
		case compose.File:
			if e.Title != nil {
				add(e.Title.Text, literal)
			}
			if e.Description != nil {
				add(e.Description.Text, literal)
			}
		case compose.DatePicker:
			*out = append(*out, shownText{text: e.InitialDate, how: literal, dropdown: true})
		case compose.TimePicker:
			*out = append(*out, shownText{text: e.InitialTime, how: literal, dropdown: true})
		case compose.RadioButtons:
			for _, o := range e.Options {
				add(o.Text, literal)
			}
		case compose.Checkboxes:
			for _, o := range e.Options {
				add(o.Text, literal)
			}
		case compose.Alert:
			add(e.Text, literal)
		case compose.Images:
			// The carousel shows one image; its alt text stands for it.
			if len(e.Images) > 0 {
				add(e.Images[min(max(e.CurIndex, 0), len(e.Images)-1)].AltText, literal)
			}
		case compose.PlainTextInput:
			add(e.Text, literal)
			add(e.Value, literal)
			if e.Value == "" {
				add(e.Placeholder, literal)
			}
		case compose.Video:
			if e.Title != nil {
				add(e.Title.Text, readingFor(e.Title.IsMarkdownSupport))
			}
			add(e.AuthorName, literal)
			add(e.ProviderName, literal)
		}
	}
}

// payloadCorpus is every string value of the content JSON (shown text, URLs,
// values, an unknown element's raw JSON), one per line, with the dialect's
// reading of each: all the preview may take words from.
func payloadCorpus(c compose.Content) string {
	data, err := c.MarshalJSON()
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, s := range jsonStrings.FindAllString(string(data), -1) {
		text := unquoteJSON(s)
		b.WriteString(text + "\n" + compose.PlainText(text) + "\n" + linksShown(text) + "\n")
	}
	return b.String() + string(data)
}

var jsonStrings = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

func unquoteJSON(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\"`, `"`, `\\`, `\`, `\t`, "\t", `\u003c`, "<", `\u003e`, ">", `\u0026`, "&")
	return r.Replace(s[1 : len(s)-1])
}

// allowedLabels are the words and marks the preview adds: placeholders for
// what is not text, captions of closed controls, option and alert marks.
// Longer phrases come first so that they are taken away whole.
var allowedLabels = []string{
	"lists the channel's members", "lists the user's channels", "Select a date", "Select a time",
	"in the menu:", "✎ editable", "(empty card)", "(empty section)", "(empty attachment)", "(no pages)",
	"(no images)", "(no options)", "unknown element:", "(no type)", "up to", "at least", "characters",
	"options:", "option:", "options", "option", "no options", "image:", "More", "Select…", "page", "of",
	"Date", "Time", "▶ video", "▤ file", "▣ image", "UTC", "kB", "MB", "GB", "TB", "B",
	"[x]", "[ ]", "✎", "↗", "◉", "○", "●", "·", "▾", "‹", "›", "✕", "✓", "×", "!", "i", "▶", "▤", "▣", "–",
}

// computed matches what the preview computes from a number of the payload:
// a percentage, a count, a page number, a size, a date and time.
var computed = regexp.MustCompile(`^\(?[0-9][0-9.,:%/–-]*\)?$`)

func removeLabels(s string) string {
	s = " " + s + " "
	for _, l := range allowedLabels {
		s = strings.ReplaceAll(s, " "+l+" ", "  ")
		s = strings.ReplaceAll(s, " "+l+" ", "  ") // adjacent labels share a space
	}
	return s
}

// normalize is the preview's plain text: ANSI stripped, drawing characters
// removed, whitespace runs made one space.
func normalize(out string) string {
	plain := strings.Map(func(r rune) rune {
		if r >= 0x2500 && r <= 0x259F { // Box Drawing and Block Elements
			return ' '
		}
		return r
	}, ansi.Strip(out))
	return normalizeSpace(plain)
}

func normalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// cutWithEllipsis reports whether got holds want cut after at least ten
// characters and marked "…".
func cutWithEllipsis(got, want string) bool {
	runes := []rune(want)
	for n := len(runes) - 1; n >= 10; n-- {
		if strings.Contains(got, string(runes[:n])+"…") {
			return true
		}
	}
	return false
}
