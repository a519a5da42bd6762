// Package glamourstyle builds a glamour style for Markdown from a zoompose
// theme's palette. The app does not use it: the preview draws the payload
// itself. It lives outside package themes so that the binary does not link
// glamour, whose dependencies (chroma's styles and lexers, goldmark,
// bluemonday) cost about 20 ms of package initialisation at every start;
// only the tests and the glamour comparison benchmark import it.
package glamourstyle

import (
	"charm.land/glamour/v2/ansi"

	"github.com/zoompose/zoompose/themes"
)

// For builds the glamour style for Markdown from the same palette as
// t.Styles. The document has no margin and no blank lines around it, so the
// caller decides the layout: a paragraph wrapped at width w is at most w
// columns wide. Plain themes get an ASCII style with no colour or text
// attribute at all; emphasis shows as the Markdown markers themselves.
// Code blocks are never syntax highlighted: Zoom does not highlight them, and
// glamour registers chroma styles in a process-wide registry under one name,
// so two themes would share whichever registered first.
func For(t themes.Theme) ansi.StyleConfig {
	if t.Plain {
		return plainGlamour()
	}
	p := t.Palette
	return ansi.StyleConfig{
		// The text colour goes on text nodes, not on the document: glamour pads
		// every line to the wrap width with spaces in the block's style, and a
		// coloured block turns each pad space into its own escape sequence,
		// which more than doubles the cost of a paragraph.
		Document:   ansi.StyleBlock{Margin: uintp(0)},
		Text:       ansi.StylePrimitive{Color: str(p.Text)},
		BlockQuote: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: str(p.Muted)}, Indent: uintp(1), IndentToken: str("│ ")},
		List:       ansi.StyleList{LevelIndent: 2},
		Heading:    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n", Color: str(p.Accent), Bold: boolp(true)}},
		H1:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: " ", Suffix: " ", Color: str(p.OnAccent), BackgroundColor: str(p.Accent), Bold: boolp(true)}},
		H2:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "## "}},
		H3:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "### "}},
		H4:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "#### "}},
		H5:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "##### "}},
		H6:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "###### ", Bold: boolp(false)}},

		Strikethrough:  ansi.StylePrimitive{Color: str(p.Muted), CrossedOut: boolp(true)},
		Emph:           ansi.StylePrimitive{Italic: boolp(true)},
		Strong:         ansi.StylePrimitive{Bold: boolp(true)},
		HorizontalRule: ansi.StylePrimitive{Color: str(p.Border), Format: "\n────────\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[✓] ", Unticked: "[ ] "},
		Link:           ansi.StylePrimitive{Color: str(p.Link), Underline: boolp(true)},
		LinkText:       ansi.StylePrimitive{Color: str(p.Link), Bold: boolp(true)},
		Image:          ansi.StylePrimitive{Color: str(p.Link), Underline: boolp(true)},
		ImageText:      ansi.StylePrimitive{Color: str(p.Muted), Format: "Image: {{.text}} →"},
		Code: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{
			Prefix: "\u00a0", Suffix: "\u00a0", // non-breaking spaces keep the padding on one line
			Color: str(p.Code), BackgroundColor: str(p.Surface),
		}},
		CodeBlock:             ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Color: str(p.Muted)}, Margin: uintp(2)}},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n→ "},
	}
}

// plainGlamour mirrors glamour's "ascii" style with no margin: pure text,
// emphasis kept visible as its Markdown markers.
func plainGlamour() ansi.StyleConfig {
	return ansi.StyleConfig{
		Document:   ansi.StyleBlock{Margin: uintp(0)},
		BlockQuote: ansi.StyleBlock{Indent: uintp(1), IndentToken: str("| ")},
		List:       ansi.StyleList{LevelIndent: 4},
		Heading:    ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{BlockSuffix: "\n"}},
		H1:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "# "}},
		H2:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "## "}},
		H3:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "### "}},
		H4:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "#### "}},
		H5:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "##### "}},
		H6:         ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "###### "}},

		Strikethrough:  ansi.StylePrimitive{BlockPrefix: "~~", BlockSuffix: "~~"},
		Emph:           ansi.StylePrimitive{BlockPrefix: "_", BlockSuffix: "_"},
		Strong:         ansi.StylePrimitive{BlockPrefix: "**", BlockSuffix: "**"},
		HorizontalRule: ansi.StylePrimitive{Format: "\n--------\n"},
		Item:           ansi.StylePrimitive{BlockPrefix: "• "},
		Enumeration:    ansi.StylePrimitive{BlockPrefix: ". "},
		Task:           ansi.StyleTask{Ticked: "[x] ", Unticked: "[ ] "},
		ImageText:      ansi.StylePrimitive{Format: "Image: {{.text}} →"},
		Code:           ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Prefix: "`", Suffix: "`"}},
		CodeBlock:      ansi.StyleCodeBlock{StyleBlock: ansi.StyleBlock{Margin: uintp(2)}},
		Table: ansi.StyleTable{
			CenterSeparator: str("|"), ColumnSeparator: str("|"), RowSeparator: str("-"),
		},
		DefinitionDescription: ansi.StylePrimitive{BlockPrefix: "\n* "},
	}
}

// str returns a pointer to s, or nil for "" so that an empty palette entry
// leaves glamour's colour unset instead of emitting an empty one.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func boolp(b bool) *bool { return &b }
func uintp(u uint) *uint { return &u }
