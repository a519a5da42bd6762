package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// imagesBlock: ```images index=N, then "- ![alt](url) N" lines (N is the
// image_index, optional).
func (p *parser) imagesBlock(b block) []Element {
	var im Images
	for _, a := range b.attrs {
		if a.Key != "index" {
			p.unknownAttr(b, a, "index=N (the image shown first)")
			continue
		}
		if n, ok := p.intAttr(b, a); ok {
			im.CurIndex = int(n)
			markExplicitZero(&im.Extra, "cur_index", n == 0)
		}
	}
	for i, line := range b.body {
		if p.full() {
			break
		}
		if isBlank(line) {
			continue
		}
		item := listItem(line)
		alt, url, _, rest, ok := bracketItem(strings.TrimPrefix(item, "!"))
		if !ok || !strings.HasPrefix(item, "![") {
			p.errorAt(b.bodyLine(i), 0, "an image is written - ![alt text](https://…/picture.png), optionally followed by its index")
			continue
		}
		img := Image{ImageURL: url, AltText: alt}
		if rest = strings.TrimSpace(rest); rest != "" {
			n, err := strconv.Atoi(rest)
			if err != nil {
				p.errorAt(b.bodyLine(i), utf8.RuneCountInString(line)-utf8.RuneCountInString(rest), "the image index must be a whole number, not "+strconv.Quote(rest))
			}
			img.ImageIndex = n
			if n == 0 {
				putExtra(&img.Extra, "image_index", json.RawMessage("0"))
			}
		}
		p.at(b.path+".images["+strconv.Itoa(len(im.Images))+"]", b.bodyLine(i), 0)
		im.Images = append(im.Images, img)
	}
	return []Element{im}
}

// inputBlock: ```input action=ID label="…" placeholder="…" min=N max=N
// multiline (```textarea is multiline); the body is the prefilled value.
func (p *parser) inputBlock(b block) []Element {
	in := PlainTextInput{Multiline: b.kind == "textarea"}
	for _, a := range b.attrs {
		switch a.Key {
		case "action":
			in.ActionID = a.Value
		case "label":
			in.Text = a.Value
		case "placeholder":
			in.Placeholder = a.Value
		case "min":
			if n, ok := p.intAttr(b, a); ok {
				in.MinLength = int(n)
			}
		case "max":
			if n, ok := p.intAttr(b, a); ok {
				in.MaxLength = int(n)
			}
		case "":
			if setFlag(a.Value, "multiline", "multiline", &in.Multiline, &in.Extra) {
				continue
			}
			fallthrough
		default:
			p.unknownAttr(b, a, `action=ID, label="…", placeholder="…", min=N, max=N, multiline`)
		}
	}
	in.Value = strings.Join(b.body, "\n")
	return []Element{in}
}

// fileBlock: title, url, icon, description lines.
func (p *parser) fileBlock(b block) []Element {
	p.noAttrs(b)
	var f File
	title := func() *FileTitle {
		if f.Title == nil {
			f.Title = &FileTitle{}
		}
		return f.Title
	}
	for _, kv := range p.kvBody(b, "title", "url", "icon", "description") {
		switch kv.key {
		case "title":
			title().Text = kv.value
		case "url":
			title().FileURL = kv.value
		case "icon":
			f.IconURL = kv.value
		case "description":
			f.Description = &Label{Text: kv.value}
		}
	}
	return []Element{f}
}

// videoBlock: title, url, title_url, thumbnail, author, provider,
// provider_icon, action lines.
func (p *parser) videoBlock(b block) []Element {
	p.noAttrs(b)
	var v Video
	fields := map[string]*string{"url": &v.VideoURL, "title_url": &v.TitleURL, "thumbnail": &v.ThumbnailURL,
		"author": &v.AuthorName, "provider": &v.ProviderName, "provider_icon": &v.ProviderIconURL, "action": &v.ActionID}
	for _, kv := range p.kvBody(b, videoKeys...) {
		if kv.key == "title" {
			v.Title = &VideoTitle{Text: kv.value}
			continue
		}
		*fields[kv.key] = kv.value
	}
	return []Element{v}
}

var videoKeys = []string{"title", "url", "title_url", "thumbnail", "author", "provider", "provider_icon", "action"}

// jsonBlock: one element object, or an array of them, verbatim.
func (p *parser) jsonBlock(b block) []Element {
	p.noAttrs(b)
	raw := []byte(strings.Join(b.body, "\n"))
	if !p.validJSON(b, raw) {
		p.refusedAt(b.path)
		return nil
	}
	trimmed := strings.TrimSpace(string(raw))
	if strings.HasPrefix(trimmed, "[") {
		els, err := decodeElements(raw)
		if err != nil {
			p.errorAt(b.open, 0, "a ```json block holds one element object or an array of them: "+err.Error())
		}
		return els
	}
	if !strings.HasPrefix(trimmed, "{") {
		p.errorAt(b.open, 0, "a ```json block holds one element object such as {\"type\":\"message\",\"text\":\"Hi\"}")
		return nil
	}
	return []Element{DecodeElement(raw)}
}

// contentBlock: a whole content object; its head, settings and other keys
// replace the card's, and its body elements are placed here.
func (p *parser) contentBlock(b block) []Element {
	p.noAttrs(b)
	raw := []byte(strings.Join(b.body, "\n"))
	if !p.validJSON(b, raw) {
		return nil
	}
	var c Content
	if err := c.UnmarshalJSON(raw); err != nil {
		p.errorAt(b.open, 0, "a ```content block holds a content object such as {\"head\":{\"text\":\"Hi\"}}")
		return nil
	}
	if c.Head != nil {
		p.c.Head = c.Head
	}
	if c.Settings != nil {
		p.c.Settings = c.Settings
	}
	for k, v := range c.Extra {
		putExtra(&p.c.Extra, k, v)
	}
	if c.Body != nil && len(c.Body) == 0 {
		p.presentBody = true // "body": [] stays an empty, present body
	}
	return c.Body
}

// blockDepth is how many JSON levels enclose what a ```json or ```content
// block holds once it is in the card: none for a content object; content and
// body for an element, but for an array of elements only content (the array
// stands for the body); and a section and its "sections" for each enclosing
// section.
func (p *parser) blockDepth(b block, raw []byte) int {
	if b.kind == "content" {
		return 0
	}
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
		return 1 + 2*p.inSection
	}
	return 2 + 2*p.inSection
}

// validJSON reports a syntax error at its line and column in the block, JSON
// nested too deeply to decode, and control characters written as escapes.
func (p *parser) validJSON(b block, raw []byte) bool {
	diags, fatal := jsonTextDiagnostics(raw, b.open+1, 0, p.blockDepth(b, raw))
	p.diags = append(p.diags, diags...)
	if fatal {
		return false
	}
	var v any
	err := json.Unmarshal(raw, &v)
	if err == nil {
		return true
	}
	var syn *json.SyntaxError
	line, col := b.open, 0
	if errors.As(err, &syn) {
		before := string(raw[:min(int(syn.Offset), len(raw))])
		line = b.open + 1 + strings.Count(before, "\n")
		col = utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:])
	}
	p.errorAt(line, col, "invalid JSON in the ```"+b.kind+" block: "+err.Error())
	return false
}
