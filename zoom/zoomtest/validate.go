package zoomtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	neturl "net/url"
	"regexp"
	"slices"
	"strings"
)

// maxCardErrors bounds how many problems one answer lists.
const maxCardErrors = 20

var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkContent validates a card ("content" object) structurally — the keys and element
// types of facts §1.2–1.3 with their required fields and value types — and returns the
// 400/7001 answer naming each problem by path, e.g. content.body[2].type.
func checkContent(content json.RawMessage) *response {
	errs := cardProblems(content)
	if len(errs) == 0 {
		return nil
	}
	return invalidBody(errs...)
}

// cardProblems lists what is wrong with a card; nil means Zoom would take it.
func cardProblems(content json.RawMessage) []fieldError {
	dec := json.NewDecoder(bytes.NewReader(content))
	dec.UseNumber()
	var card map[string]any
	if err := dec.Decode(&card); err != nil || card == nil {
		return []fieldError{{Field: "content", Message: "content must be a JSON object."}}
	}
	c := &cardCheck{}
	c.card(card)
	return c.errs
}

// cardCheck walks a decoded card and collects problems with their JSON paths.
type cardCheck struct {
	errs []fieldError
}

func (c *cardCheck) fail(path, format string, args ...any) {
	if len(c.errs) < maxCardErrors {
		c.errs = append(c.errs, fieldError{Field: path, Message: fmt.Sprintf(format, args...)})
	}
}

func (c *cardCheck) card(card map[string]any) {
	const path = "content"
	for _, key := range sortedKeys(card) {
		if !slices.Contains([]string{"settings", "head", "body"}, key) {
			c.fail(path+"."+key, "%s is not a card key; a card has settings, head and body (sub_head goes inside head).", key)
		}
	}
	if settings := c.object(card, path, "settings", false); settings != nil {
		c.boolean(settings, path+".settings", "form")
		c.boolean(settings, path+".settings", "is_split_sidebar")
		c.color(settings, path+".settings", "default_sidebar_color")
	}
	if head := c.object(card, path, "head", false); head != nil {
		c.text(head, path+".head")
		if sub := c.object(head, path+".head", "sub_head", false); sub != nil {
			c.text(sub, path+".head.sub_head")
		}
	}
	body := c.array(card, path, "body", false)
	for i, el := range body {
		c.element(fmt.Sprintf("%s.body[%d]", path, i), el, inBody)
	}
	if card["head"] == nil && len(body) == 0 {
		c.fail(path, "The card is empty: give it a head with text or at least one body element.")
	}
}

// text checks a {text, style} pair as used by head and sub_head.
func (c *cardCheck) text(obj map[string]any, path string) {
	c.str(obj, path, "text", true)
	c.style(obj, path, "style")
}

// style checks an optional {color, bold, italic} style.
func (c *cardCheck) style(obj map[string]any, path, key string) {
	style := c.object(obj, path, key, false)
	if style == nil {
		return
	}
	path += "." + key
	c.color(style, path, "color")
	c.boolean(style, path, "bold")
	c.boolean(style, path, "italic")
}

func (c *cardCheck) str(obj map[string]any, path, key string, required bool) string {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			c.fail(path+"."+key, "%s is required.", key)
		}
		return ""
	}
	s, isString := v.(string)
	if !isString {
		c.fail(path+"."+key, "%s must be a string.", key)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		c.fail(path+"."+key, "%s must not be empty.", key)
	}
	return s
}

func (c *cardCheck) boolean(obj map[string]any, path, key string) {
	if v, ok := obj[key]; ok && v != nil {
		if _, isBool := v.(bool); !isBool {
			c.fail(path+"."+key, "%s must be true or false.", key)
		}
	}
}

func (c *cardCheck) number(obj map[string]any, path, key string, required bool) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			c.fail(path+"."+key, "%s is required.", key)
		}
		return
	}
	if _, isNumber := v.(json.Number); !isNumber {
		c.fail(path+"."+key, "%s must be a number.", key)
	}
}

func (c *cardCheck) object(obj map[string]any, path, key string, required bool) map[string]any {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			c.fail(path+"."+key, "%s is required.", key)
		}
		return nil
	}
	m, isObject := v.(map[string]any)
	if !isObject {
		c.fail(path+"."+key, "%s must be a JSON object.", key)
	}
	return m
}

// array reads an array; a required array must also be non-empty.
func (c *cardCheck) array(obj map[string]any, path, key string, required bool) []any {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			c.fail(path+"."+key, "%s is required.", key)
		}
		return nil
	}
	a, isArray := v.([]any)
	switch {
	case !isArray:
		c.fail(path+"."+key, "%s must be an array.", key)
	case required && len(a) == 0:
		c.fail(path+"."+key, "%s must not be empty.", key)
	}
	return a
}

// objects reads a required, non-empty array of objects and calls each for every entry.
func (c *cardCheck) objects(obj map[string]any, path, key string, each func(path string, item map[string]any)) {
	for i, v := range c.array(obj, path, key, true) {
		itemPath := fmt.Sprintf("%s.%s[%d]", path, key, i)
		item, ok := v.(map[string]any)
		if !ok {
			c.fail(itemPath, "Each entry of %s must be a JSON object.", key)
			continue
		}
		each(itemPath, item)
	}
}

func (c *cardCheck) color(obj map[string]any, path, key string) {
	if s := c.str(obj, path, key, false); s != "" && !hexColor.MatchString(s) {
		c.fail(path+"."+key, "%s must be a hex colour such as #0E72ED, not %q.", key, s)
	}
}

// url checks a link: Zoom renders only absolute http(s) URLs as links ("always prepend
// http:// or https://", facts §2.2).
func (c *cardCheck) url(obj map[string]any, path, key string, required bool) {
	s := c.str(obj, path, key, required)
	if s == "" {
		return
	}
	u, err := neturl.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.fail(path+"."+key, "%s must be an absolute http:// or https:// URL, not %q.", key, s)
	}
}

func (c *cardCheck) oneOf(obj map[string]any, path, key string, allowed ...string) {
	if s := c.str(obj, path, key, false); s != "" && !slices.Contains(allowed, s) {
		c.fail(path+"."+key, "%s must be one of %s, not %q.", key, strings.Join(allowed, ", "), s)
	}
}

func (c *cardCheck) matches(obj map[string]any, path, key string, pattern *regexp.Regexp, example string) {
	if s := c.str(obj, path, key, false); s != "" && !pattern.MatchString(s) {
		c.fail(path+"."+key, "%s must look like %s, not %q.", key, example, s)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
