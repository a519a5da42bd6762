package compose

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"unicode/utf8"
)

// The codec maps every model struct to and from its JSON object by the json
// tags of its fields. It exists so that ~30 types share one implementation of
// the rules in the package doc: typed fields for the keys we know, Extra for
// everything else, explicit zero values kept in Extra, canonical key order
// ("type" first, then struct order, then the remaining Extra keys sorted).

type codecField struct {
	key   string
	index int
	typ   reflect.Type
}

type objectCodec struct {
	fields []codecField
	byKey  map[string]codecField
	extra  int // index of the Extra field
}

var (
	codecs       sync.Map // reflect.Type -> *objectCodec
	elementsType = reflect.TypeFor[[]Element]()
)

func codecFor(t reflect.Type) *objectCodec {
	if c, ok := codecs.Load(t); ok {
		return c.(*objectCodec)
	}
	c := &objectCodec{byKey: map[string]codecField{}, extra: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "Extra" {
			c.extra = i
			continue
		}
		key := f.Tag.Get("json")
		if key == "" || key == "-" {
			continue
		}
		cf := codecField{key: key, index: i, typ: f.Type}
		c.fields = append(c.fields, cf)
		c.byKey[key] = cf
	}
	if c.extra < 0 {
		panic(fmt.Sprintf("compose: %s has no Extra field", t))
	}
	codecs.Store(t, c)
	return c
}

// encodeJSON marshals v without HTML escaping, so that Zoom's `<url|label>`
// links stay readable in the payload.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// marshalObject writes the struct v (not a pointer) as a JSON object, with
// "type": typeName first when typeName is not empty.
func marshalObject(typeName string, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	c := codecFor(rv.Type())
	extra, _ := rv.Field(c.extra).Interface().(map[string]json.RawMessage)
	var buf bytes.Buffer
	buf.WriteByte('{')
	write := func(key string, raw []byte) {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := encodeJSON(key)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(raw)
	}
	if typeName != "" {
		t, _ := encodeJSON(typeName)
		write("type", t)
	}
	for _, f := range c.fields {
		fv := rv.Field(f.index)
		if fv.IsZero() {
			if raw, ok := extra[f.key]; ok {
				write(f.key, raw)
			}
			continue
		}
		raw, err := encodeJSON(fv.Interface())
		if err != nil {
			return nil, fmt.Errorf("encoding %q: %w", f.key, err)
		}
		write(f.key, raw)
	}
	for _, key := range sortedKeys(extra) {
		if _, known := c.byKey[key]; known || (typeName != "" && key == "type") {
			continue
		}
		write(key, extra[key])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// unmarshalObject fills the struct dst points to from a JSON object. A value
// that does not fit its field, or is the field's zero value, goes to Extra.
// With skipType the "type" key is not kept (the Go type already says it).
func unmarshalObject(data []byte, dst any, skipType bool) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("expected a JSON object: %w", err)
	}
	if m == nil {
		return fmt.Errorf("expected a JSON object, got null")
	}
	rv := reflect.ValueOf(dst).Elem()
	c := codecFor(rv.Type())
	var extra map[string]json.RawMessage
	keep := func(key string, raw json.RawMessage) {
		if extra == nil {
			extra = map[string]json.RawMessage{}
		}
		extra[key] = compactJSON(raw)
	}
	for key, raw := range m {
		if skipType && key == "type" {
			continue
		}
		f, ok := c.byKey[key]
		if !ok {
			keep(key, raw)
			continue
		}
		val, err := decodeField(raw, f.typ)
		if err != nil || val.IsZero() {
			keep(key, raw)
			continue
		}
		rv.Field(f.index).Set(val)
	}
	rv.Field(c.extra).Set(reflect.ValueOf(extra))
	return nil
}

func decodeField(raw json.RawMessage, t reflect.Type) (reflect.Value, error) {
	if t == elementsType {
		els, err := decodeElements(raw)
		return reflect.ValueOf(els), err
	}
	ptr := reflect.New(t)
	err := json.Unmarshal(raw, ptr.Interface())
	return ptr.Elem(), err
}

// decodeElements reads a JSON array of body elements. A null array is nil.
func decodeElements(raw json.RawMessage) ([]Element, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("expected an array of elements: %w", err)
	}
	if items == nil {
		return nil, nil
	}
	els := make([]Element, 0, len(items))
	for _, item := range items {
		els = append(els, DecodeElement(item))
	}
	return els, nil
}

// DecodeElement turns one JSON body item into its typed element. It never
// fails: anything it cannot type (unknown "type", not an object) is returned
// as Unknown with the bytes verbatim.
func DecodeElement(raw json.RawMessage) Element {
	// A map, not a struct: encoding/json matches struct keys case-insensitively,
	// and {"TYPE":"message"} is not a message to Zoom.
	var keys map[string]json.RawMessage
	var typ string
	if err := json.Unmarshal(raw, &keys); err != nil || keys == nil {
		return Unknown{Raw: compactJSON(raw)}
	}
	if t, ok := keys["type"]; !ok || json.Unmarshal(t, &typ) != nil {
		return Unknown{Raw: compactJSON(raw)}
	}
	decode, ok := elementDecoders[typ]
	if !ok {
		return Unknown{Type: typ, Raw: compactJSON(raw)}
	}
	el, err := decode(raw)
	if err != nil {
		return Unknown{Type: typ, Raw: compactJSON(raw)}
	}
	return el
}

// compactJSON is raw without insignificant space and with invalid UTF-8
// replaced by U+FFFD (as encoding/json does when it decodes a string), so
// equal values have equal bytes.
func compactJSON(raw []byte) json.RawMessage {
	if !utf8.Valid(raw) {
		raw = replaceInvalidUTF8(raw)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return slices.Clone(raw)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// replaceInvalidUTF8 turns each invalid byte into U+FFFD, as encoding/json
// does when it decodes a string.
func replaceInvalidUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}
