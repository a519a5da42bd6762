package zoomtest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServerURLs(t *testing.T) {
	s := NewServer()
	defer s.Close()
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || strings.HasSuffix(s.URL, "/") {
		t.Errorf("URL %q, want http://127.0.0.1:PORT", s.URL)
	}
	if s.APIURL() != s.URL+"/v2" || s.TokenURL() != s.URL+"/oauth/token" {
		t.Errorf("APIURL %q TokenURL %q", s.APIURL(), s.TokenURL())
	}
}

func TestListenOnTakenAddress(t *testing.T) {
	s := NewServer()
	defer s.Close()
	addr := strings.TrimPrefix(s.URL, "http://")
	_, err := Listen(addr, DefaultFixture())
	if err == nil || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "choose another address") {
		t.Fatalf("Listen on a taken address returned %v, want a sentence naming %s", err, addr)
	}
}

func TestCloseStopsServingAndIsIdempotent(t *testing.T) {
	s := NewServer()
	token := fetchToken(t, s)
	s.Close()
	s.Close()
	client := &http.Client{Timeout: time.Second}
	if resp, err := client.Do(newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope())); err == nil {
		resp.Body.Close()
		t.Fatal("a closed server still answered")
	}
}

func TestFixtureDefaults(t *testing.T) {
	f := DefaultFixture()
	if f.PerSecond != 20 || f.Daily != 2000 || f.TokenTTL != time.Hour || len(f.Channels) != 3 || len(f.Users) != 3 {
		t.Fatalf("DefaultFixture() = %+v", f)
	}
	if f.Users[UserJID] == "" || f.Channels[ChannelGeneral] != "general" {
		t.Error("DefaultFixture must know the sandbox user and the general channel")
	}
	h := NewHandler(Fixture{ClientID: "a", ClientSecret: "b", Channels: f.Channels, Triggers: f.Triggers})
	f.Channels[ChannelGeneral] = "changed"
	got := h.Fixture()
	f.Triggers[DemoUnfurlTriggerID] = "changed"
	if got.TokenTTL != time.Hour || got.Channels[ChannelGeneral] != "general" || got.Triggers[DemoUnfurlTriggerID] != DemoUnfurlUserID {
		t.Errorf("NewHandler must default TokenTTL and copy the maps; got %+v", got)
	}
}

func TestJSONContentTypeParameters(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	req := newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope())
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	if a := call(t, req); a.status != http.StatusCreated {
		t.Fatalf("application/json with a charset answered %d: %s", a.status, a.raw)
	}
	req = newRequest(t, http.MethodPost, s.APIURL()+"/im/chat/messages", token, sendEnvelope())
	req.Header.Del("Content-Type")
	if a := call(t, req); a.status != 400 || a.code() != 7001 || !strings.Contains(a.errorText(), "missing") {
		t.Fatalf("a send without Content-Type answered %d: %s", a.status, a.raw)
	}
}

func TestOversizedBody(t *testing.T) {
	s := startServer(t, nil)
	token := fetchToken(t, s)
	body := sendEnvelope()
	body["content"] = map[string]any{"head": map[string]any{"text": strings.Repeat("x", maxBodyBytes)}}
	a := send(t, s, token, body)
	if a.status != 400 || a.code() != 7001 || !strings.Contains(a.errorText(), "4 MiB") {
		t.Fatalf("oversized send answered %d: %s", a.status, a.raw)
	}
}
