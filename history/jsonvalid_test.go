package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FuzzValidJSON holds validJSON to json.Valid on any input.
func FuzzValidJSON(f *testing.F) {
	for _, seed := range []string{
		`{"id":"x","revisions":[{"content":{"a":[1,-2.5e+3,true,false,null]},"at":"2026-01-01T00:00:00Z"}]}`,
		`{"id":"\u00e9\"\\\/\b\f\n\r\t"}`, `[]`, `{}`, ` [ 1 , 2 ] `, `"\ud83d"`, "\"\xff\"",
		`01`, `-`, `1.`, `.5`, `1e`, `-0.0E-0`, `{"a" 1}`, `{"a":1,}`, `[1,]`, `tru`, `nulls`, "\"a\x01\"",
		`{"id":"x"} {}`, `"\u12g4"`, "",
		strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth),
		strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validJSON(data), json.Valid(data); got != want {
			t.Errorf("validJSON(%q) = %v, json.Valid says %v", data, got, want)
		}
	})
}

// TestStoredRecordsAreCanonical is what WalkJSON's copying of stored records
// rests on: a record as stored decodes and encodes again to the same bytes
// whatever text it holds (HTML characters, controls, line separators, a zone
// offset, an unsettled operation), except for the \ufffd escapes of bytes
// that are not UTF-8: copyableRecord must turn those away (it turns away any
// \ufffd, which costs a record that holds one a decode, nothing more). If a change to
// Message, Revision or Operation breaks this for records already on disk (a
// field renamed or dropped, one added without omitempty), WalkJSON would
// print them differently from Walk: bump SchemaVersion and re-encode the
// messages in the migration.
func TestStoredRecordsAreCanonical(t *testing.T) {
	for name, rec := range hostileRecords() {
		stored, err := encodeRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		var decoded Message
		if err := json.Unmarshal(stored, &decoded); err != nil {
			t.Fatal(err)
		}
		again, err := encodeRecord(decoded)
		if err != nil {
			t.Fatal(err)
		}
		if copyableRecord(stored) && string(again) != string(stored) {
			t.Errorf("%s: copyableRecord passes a record that encodes again differently:\nstored %s\nagain  %s", name, stored, again)
		}
		if name == "plain" && !copyableRecord(stored) {
			t.Errorf("copyableRecord refuses a plain record: %s", stored)
		}
	}
}

// TestWalkJSONIsWalkEncoded: the lines WalkJSON gives are the encoding of
// the messages Walk gives, for hostile records, damaged ones and filters.
func TestWalkJSONIsWalkEncoded(t *testing.T) {
	s, path := openTemp(t)
	var all []Message
	for _, m := range hostileRecords() {
		all = append(all, m)
	}
	all = append(all, message("broken", "a@x", minute(30), "h", "b"), message("typed", "a@x", minute(31), "h", "b"))
	mustPut(t, s, all...)
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		return errors.Join(tx.Bucket(bucketMessages).Put([]byte("broken"), []byte(`{"id":"broken","revisions":[tru`)),
			tx.Bucket(bucketMessages).Put([]byte("typed"), []byte(` {"id":"typed","to_jid":"a@x","status":"sent","sent_at":"2026-03-14T09:31:00Z","revisions":[]}`)))
	})
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []Query{{Limit: 100}, {Limit: 3}, {Limit: 100, To: "b@x"}, {Limit: 100, Text: "line"}, {Limit: 100, Status: StatusEdited}} {
		var want, got []string
		wantNext, err := s.Walk(q, func(m Message) error {
			data, err := encodeRecord(m)
			want = append(want, string(data))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		gotNext, err := s.WalkJSON(q, func(raw []byte) error {
			got = append(got, string(raw))
			return nil
		})
		if err != nil || gotNext != wantNext || !slices.Equal(got, want) {
			t.Errorf("WalkJSON(%+v) = %d lines, next %q, %v\nwant %d lines, next %q\n got %q\nwant %q", q, len(got), gotNext, err, len(want), wantNext, got, want)
		}
	}
	if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "broken") {
		t.Errorf("warnings = %q, want one about the broken record", w)
	}
}

// hostileRecords are messages whose text tests the encoding's corners.
func hostileRecords() map[string]Message {
	hostile := "<b>&amp;</b> \x1b[31m\x7f\u009b line\u2028sep\u2029 \"q\" \\ \t\n \ufffd"
	m := message("hostile", "a@x", minute(1).In(time.FixedZone("", 5*3600+1800)), hostile, hostile)
	m.Revisions[0].Source = hostile
	m.Revisions = append(m.Revisions, Revision{Content: json.RawMessage(` { "head" : { "text" : "<x>\u2028\ufffd" } } `), Markdown: true, At: minute(2)})
	m.Op = &Operation{Kind: OpEdit, State: OpFailed, Prior: StatusSent, Revision: &m.Revisions[0], At: minute(3), Err: hostile, Attempts: 2}
	m.DeletedAt, m.Status = minute(4), StatusEdited
	notUTF8 := message("not-utf8", "b@x", minute(5), "bad \xff\xfe bytes line", "body")
	notUTF8.Revisions[0].Source = "bad \xff source"
	return map[string]Message{"hostile": m, "not UTF-8": notUTF8, "plain": message("plain", "b@x", minute(6), "Head line", "body")}
}

// TestExportCopiesWhatItWouldEncode: Export's message lines, copied from the
// stored records where it can, are the lines encoding each message gives.
func TestExportCopiesWhatItWouldEncode(t *testing.T) {
	s, _ := openTemp(t)
	for _, m := range hostileRecords() {
		mustPut(t, s, m)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	var newestFirst []Message
	if _, err := s.Walk(Query{Limit: 100}, func(m Message) error { newestFirst = append(newestFirst, m); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, m := range slices.Backward(newestFirst) {
		if err := enc.Encode(exportLine{Kind: KindMessage, Record: m}); err != nil {
			t.Fatal(err)
		}
	}
	var got bytes.Buffer
	if err := s.Export(&got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.String(), want.String()) {
		t.Errorf("Export's messages\n got %s\nwant %s", got.String(), want.String())
	}
}
