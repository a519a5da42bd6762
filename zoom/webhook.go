package zoom

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// MaxWebhookBody is the largest webhook body accepted; a larger one is
// answered 413 and not read further.
const MaxWebhookBody = 1 << 20

// Webhook headers (facts §5.1).
const (
	HeaderSignature = "x-zm-signature"
	HeaderTimestamp = "x-zm-request-timestamp"
)

// WebhookHandler receives Zoom's event webhooks on any path (a tunnel may add
// a prefix). It checks x-zm-signature over the raw body in constant time,
// answers endpoint.url_validation, and hands every other event to Store
// before it acknowledges, so that an acknowledged event is kept: Zoom retries
// an event only on a 5xx or no answer within 3 s.
type WebhookHandler struct {
	secret []byte
	store  func(Event) error
	now    func() time.Time
}

// NewWebhookHandler returns a handler that verifies events with the app's
// secret token (ZOOM_WEBHOOK_SECRET_TOKEN) and passes each verified event to
// store. An error from store is answered 500, so Zoom sends the event again.
func NewWebhookHandler(secretToken string, store func(Event) error) *WebhookHandler {
	return &WebhookHandler{secret: []byte(secretToken), store: store, now: time.Now}
}

// SignWebhook is the x-zm-signature value of body sent at timestamp (epoch
// seconds, as x-zm-request-timestamp carries it):
// "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)).
func SignWebhook(secretToken, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secretToken))
	mac.Write([]byte("v0:" + timestamp + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// ServeHTTP answers one webhook delivery: 405 for anything but POST, 413 for a
// body over 1 MiB, 401 for a missing or wrong signature (nothing is stored),
// 400 for a body that is not an event, 200 with the token pair for URL
// validation, 500 when the event could not be stored, else 200.
func (h *WebhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		webhookAnswer(w, http.StatusMethodNotAllowed, "Zoom delivers events with POST.")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		webhookAnswer(w, http.StatusRequestEntityTooLarge, "The event is larger than 1 MiB.")
		return
	case err != nil:
		webhookAnswer(w, http.StatusBadRequest, "The body could not be read.")
		return
	}
	if !h.signed(r, body) {
		webhookAnswer(w, http.StatusUnauthorized, "The x-zm-signature header is missing or does not match the body.")
		return
	}
	ev, err := ParseEvent(body, SourceWebhook, h.now())
	if err != nil {
		webhookAnswer(w, http.StatusBadRequest, err.Error())
		return
	}
	if ev.Name == EventURLValidation {
		h.validate(w, body)
		return
	}
	if err := h.store(ev); err != nil {
		webhookAnswer(w, http.StatusInternalServerError, "The event could not be stored; Zoom will send it again.")
		return
	}
	webhookAnswer(w, http.StatusOK, "")
}

// signed checks the signature in constant time against the raw body.
func (h *WebhookHandler) signed(r *http.Request, body []byte) bool {
	got := r.Header.Get(HeaderSignature)
	ts := r.Header.Get(HeaderTimestamp)
	if got == "" || ts == "" {
		return false
	}
	want := SignWebhook(string(h.secret), ts, body)
	return hmac.Equal([]byte(got), []byte(want))
}

// validate answers endpoint.url_validation with plainToken and
// encryptedToken = hex(HMAC-SHA256(secret, plainToken)).
func (h *WebhookHandler) validate(w http.ResponseWriter, body []byte) {
	var v struct {
		Payload struct {
			PlainToken string `json:"plainToken"`
		} `json:"payload"`
	}
	if json.Unmarshal(body, &v) != nil || v.Payload.PlainToken == "" {
		webhookAnswer(w, http.StatusBadRequest, "endpoint.url_validation without payload.plainToken.")
		return
	}
	mac := hmac.New(sha256.New, h.secret)
	mac.Write([]byte(v.Payload.PlainToken))
	answer, _ := json.Marshal(map[string]string{
		"plainToken":     v.Payload.PlainToken,
		"encryptedToken": hex.EncodeToString(mac.Sum(nil)),
	})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(answer)
}

// webhookAnswer writes a short JSON answer; the text never holds the secret.
func webhookAnswer(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if message == "" {
		_, _ = w.Write([]byte(`{"status":"received"}`))
		return
	}
	out, _ := json.Marshal(map[string]string{"message": message})
	_, _ = w.Write(out)
}
