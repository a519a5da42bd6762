package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzRoundTrip: whatever the source, Parse -> Format -> Parse gives the same
// content, and MarshalJSON -> ParseJSON does too.
func FuzzRoundTrip(f *testing.F) {
	paths, _ := filepath.Glob("testdata/cards/*.md")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, seed := range []string{"", "---", "---\n---", "**a** _b_ ~~c~~ `d` [e](https://f)", "```section\n```fields\na: b\n```\n```",
		"```actions\n- [a\\]b](c) PRIMARY submit\n```", "x\n# h\n| t |", "```json\n[{\"type\":\"x\"},{\"type\":\"message\",\"text\":\"y\"}]\n```"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c1, _ := Parse(src)
		formatted := Format(c1)
		c2, _ := Parse(formatted)
		if !reflect.DeepEqual(c1, c2) {
			t.Fatalf("Parse(Format(Parse(src))) differs\nsrc: %q\nformatted: %q", src, formatted)
		}
		raw, err := c1.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		c3, err := ParseJSON(raw)
		if err != nil {
			t.Fatalf("ParseJSON(MarshalJSON(c)): %v\n%s", err, raw)
		}
		if !reflect.DeepEqual(c1, c3) {
			t.Fatalf("ParseJSON(MarshalJSON(c)) differs\nsrc: %q\njson: %s", src, raw)
		}
	})
}

// FuzzJSONRoundTrip: any content JSON survives MarshalJSON unchanged in
// meaning and comes back from Format as the same content.
func FuzzJSONRoundTrip(f *testing.F) {
	for _, sample := range payloadSamples {
		f.Add([]byte(sample))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseJSON(data)
		if err != nil {
			return
		}
		raw, err := c.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		again, err := ParseJSON(raw)
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("ParseJSON(MarshalJSON(c)) differs: %v\nin:  %s\nout: %s", err, data, raw)
		}
		formatted := Format(c)
		if back, _ := Parse(formatted); !reflect.DeepEqual(back, c) {
			t.Fatalf("Parse(Format(c)) differs\nin: %s\nformatted:\n%s", data, formatted)
		}
	})
}
