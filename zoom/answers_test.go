package zoom

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// rewritingAPI serves the simulator but lets a test change the status and
// body of its answers, for answers real Zoom may give and the simulator
// does not (the legacy 200 on send, a truncated body).
func rewritingAPI(t *testing.T, s *zoomtest.Server, rewrite func(status int, body []byte) (int, []byte)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		status, body := rewrite(rec.Code, rec.Body.Bytes())
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestSendAcceptsTheLegacy200(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.APIURL = rewritingAPI(t, s, func(status int, body []byte) (int, []byte) {
		if status == http.StatusCreated {
			status = http.StatusOK
		}
		return status, body
	}) + "/v2"
	m := sendOne(t, newClient(t, cfg))
	if _, ok := s.Message(m.MessageID); !ok {
		t.Errorf("message %q not in the simulator", m.MessageID)
	}
}

// Zoom said yes but the id is lost: the caller must look before re-sending.
func TestSuccessWithoutAMessageIDIsOutcomeUnknown(t *testing.T) {
	s := newSandbox(t)
	cfg := sandboxConfig(s)
	cfg.APIURL = rewritingAPI(t, s, func(status int, body []byte) (int, []byte) {
		if status == http.StatusCreated {
			return status, []byte(`{"message`)
		}
		return status, body
	}) + "/v2"
	_, err := newClient(t, cfg).Send(t.Context(), SendRequest{ToJID: zoomtest.ChannelGeneral, Content: testCard})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	if want := "Zoom answered 201 Created without a readable message id"; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to contain %q", err, want)
	}
	if n := len(s.Messages()); n != 1 {
		t.Errorf("simulator holds %d messages, want 1 (no re-send)", n)
	}
}

func TestMissingFieldNamesTheVariable(t *testing.T) {
	cfg := validConfig()
	cfg.RobotJID = ""
	_, err := New(cfg)
	want := "zoom: no RobotJID is configured: set ZOOM_BOT_JID (or the profile's config file)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}
