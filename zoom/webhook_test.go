package zoom

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

const testWebhookSecret = "whsec-test-0123456789"

// webhookReceiver serves a WebhookHandler over real HTTP and keeps what it stored.
type webhookReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	stored []Event
	fail   error
}

func newWebhookReceiver(t *testing.T) *webhookReceiver {
	t.Helper()
	rcv := &webhookReceiver{}
	rcv.Server = httptest.NewServer(NewWebhookHandler(testWebhookSecret, func(e Event) error {
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		if rcv.fail != nil {
			return rcv.fail
		}
		rcv.stored = append(rcv.stored, e)
		return nil
	}))
	t.Cleanup(rcv.Close)
	return rcv
}

func (r *webhookReceiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.stored)
}

// post sends body to path with the given signature headers and returns the status and body.
func post(t *testing.T, url string, body []byte, ts, sig string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if ts != "" {
		req.Header.Set(HeaderTimestamp, ts)
	}
	if sig != "" {
		req.Header.Set(HeaderSignature, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func TestWebhookAnswersURLValidation(t *testing.T) {
	rcv := newWebhookReceiver(t)
	body := []byte(`{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	status, answer := post(t, rcv.URL+"/any/prefix/zoom", body, ts, zoomtest.Sign(testWebhookSecret, ts, body))
	var got struct{ PlainToken, EncryptedToken string }
	if status != 200 || json.Unmarshal(answer, &got) != nil {
		t.Fatalf("status %d, body %s", status, answer)
	}
	mac := hmac.New(sha256.New, []byte(testWebhookSecret))
	mac.Write([]byte("qgg8vlvZRS6UYooatFL8Aw"))
	if got.PlainToken != "qgg8vlvZRS6UYooatFL8Aw" || got.EncryptedToken != hex.EncodeToString(mac.Sum(nil)) {
		t.Errorf("answer = %+v", got)
	}
	if rcv.count() != 0 {
		t.Errorf("the validation was stored as an event")
	}
	// A validation needs a valid signature too (RIVET checks every event).
	if status, _ := post(t, rcv.URL, body, ts, "v0=00"); status != 401 {
		t.Errorf("unsigned validation: status %d, want 401", status)
	}
}

func TestWebhookStoresASignedEventFromTheSimulator(t *testing.T) {
	rcv := newWebhookReceiver(t)
	s := newSandbox(t)
	s.AddWebhook(rcv.URL+"/hooks/zoom", testWebhookSecret)
	raw, trigger, err := s.ShareLink(zoomtest.LinkShare{Link: "https://example.com/doc"})
	if err != nil {
		t.Fatal(err)
	}
	if rcv.count() != 1 {
		t.Fatalf("stored %d events, want 1", rcv.count())
	}
	e := rcv.stored[0]
	if e.Source != SourceWebhook || string(e.Raw) != string(raw) || e.Summary().TriggerID != trigger {
		t.Errorf("stored %+v", e)
	}
}

func TestWebhookRefusesBadSignatures(t *testing.T) {
	rcv := newWebhookReceiver(t)
	body := []byte(`{"event":"bot_notification","event_ts":1,"payload":{"cmd":"hi"}}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	good := zoomtest.Sign(testWebhookSecret, ts, body)
	cases := map[string]struct {
		body    []byte
		ts, sig string
	}{
		"no signature":          {body, ts, ""},
		"no timestamp":          {body, "", good},
		"other secret":          {body, ts, zoomtest.Sign("other-secret", ts, body)},
		"other timestamp":       {body, "1", good},
		"body changed":          {bytes.Replace(body, []byte("hi"), []byte("ho"), 1), ts, good},
		"body re-encoded":       {[]byte(strings.ReplaceAll(string(body), ",", ", ")), ts, good},
		"upper-case hex":        {body, ts, "v0=" + strings.ToUpper(strings.TrimPrefix(good, "v0="))},
		"signature without v0=": {body, ts, strings.TrimPrefix(good, "v0=")},
	}
	for name, c := range cases {
		if status, _ := post(t, rcv.URL, c.body, c.ts, c.sig); status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, status)
		}
	}
	if rcv.count() != 0 {
		t.Fatalf("stored %d events after bad signatures", rcv.count())
	}
	if status, _ := post(t, rcv.URL, body, ts, good); status != 200 || rcv.count() != 1 {
		t.Errorf("good signature: status %d, stored %d", status, rcv.count())
	}
}

func TestWebhookRefusesAnOversizedBody(t *testing.T) {
	rcv := newWebhookReceiver(t)
	body := []byte(`{"event":"bot_notification","payload":{"cmd":"` + strings.Repeat("x", MaxWebhookBody) + `"}}`)
	ts := "1739923528"
	status, _ := post(t, rcv.URL, body, ts, zoomtest.Sign(testWebhookSecret, ts, body))
	if status != http.StatusRequestEntityTooLarge || rcv.count() != 0 {
		t.Errorf("status %d, stored %d; want 413 and nothing", status, rcv.count())
	}
}

func TestWebhookAnswers500WhenTheEventCannotBeStored(t *testing.T) {
	rcv := newWebhookReceiver(t)
	rcv.fail = errors.New("disk full")
	s := newSandbox(t)
	body := []byte(`{"event":"bot_notification","event_ts":1,"payload":{}}`)
	status, err := s.PostWebhook(rcv.URL, testWebhookSecret, body)
	if err != nil || status != 500 {
		t.Errorf("status %d (%v), want 500 so Zoom retries", status, err)
	}
	if status, _ := post(t, rcv.URL, body, "1", zoomtest.Sign(testWebhookSecret, "1", body)); status != 500 {
		t.Errorf("status %d", status)
	}
	if status, _ := post(t, rcv.URL, []byte(`[1]`), "1", zoomtest.Sign(testWebhookSecret, "1", []byte(`[1]`))); status != 400 {
		t.Errorf("not an event: status %d, want 400", status)
	}
}
