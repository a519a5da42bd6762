package history

import (
	"testing"
)

// FuzzDecodeRecords feeds arbitrary bytes, as a damaged disk or another program could leave
// them, to every decoder of a stored value: a message, an unfurl, a pending entry and a
// filter summary. None may panic; a value that decodes can be indexed and summarised again.
func FuzzDecodeRecords(f *testing.F) {
	f.Add([]byte(`{"id":"m1","to_jid":"a@xmpp.zoom.us","sent_at":"2026-11-26T09:30:00Z","status":"sent","revisions":[{"content":{"head":{"text":"hi"}},"at":"2026-11-26T09:30:00Z"}]}`))
	f.Add([]byte(`{"id":"local-x","to_jid":"a@xmpp.zoom.us","status":"outcome-unknown","revisions":[],"op":{"kind":"edit","state":"outcome-unknown","revision":null,"attempts":1}}`))
	f.Add([]byte(`{"id":"u1","user_id":"u","trigger_id":"t","content":{},"status":"failed","op":{"kind":"unfurl","state":"failed"}}`))
	f.Add([]byte("xu\x00\x00\x00\x00\x00\x00\x00\x01id"))
	f.Add([]byte("sent\na@xmpp.zoom.us"))
	f.Add([]byte("\x00\xffnot json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		key := []byte("k")
		var m Message
		if decodeJSON(bucketMessages, key, data, &m) == nil {
			_ = searchText(m)
			_ = m.Live()
			_ = m.Op.NeedsAction()
			if wants, ok := summaryWants(encodeSummary(m), m.Status, ""); ok && m.Status.Valid() && !wants {
				t.Errorf("the summary of a record with status %q does not have it", m.Status)
			}
		}
		var u Unfurl
		if decodeJSON(bucketUnfurls, key, data, &u) == nil {
			_ = u.Posted()
		}
		if ref, ok := decodePending(key, data); ok && ref.state == "" {
			t.Errorf("a pending entry decoded without a state: %+v", ref)
		}
		summaryWants(data, StatusSent, "a@xmpp.zoom.us")
	})
}
