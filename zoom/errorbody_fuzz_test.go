package zoom

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zoompose/zoompose/zoom/zoomtest"
)

// FuzzAPIErrorBody feeds arbitrary error answers, as a hostile or broken server could send
// them, through the reading of Zoom's error bodies: it never panics, the sentence it makes
// stays bounded and holds no form of the client secret, even when the body quotes it.
func FuzzAPIErrorBody(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{400, `{"code":7001,"message":"Invalid robot_jid."}`},
		{401, `{"code":7010,"message":"Invalid access token."}`},
		{404, `{"code":"8001","message":"Message does not exist.","result":false}`},
		{429, `{"code":429,"message":"You have reached the maximum per-second rate limit for this API."}`},
		{400, `{"code":300,"message":"Validation Failed.","errors":[{"field":"content","message":"required"}]}`},
		{503, `{"message":"\u001b]52;c;aGk=\u0007 echo Basic ` + "c2FuZGJveC1jbGllbnQtaWQ6c2FuZGJveC1jbGllbnQtc2VjcmV0" + `"}`},
		{500, `not json at all ` + zoomtest.ClientSecret},
		{502, ``},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	c, err := New(validConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 400 + (status%200+200)%200 // an error status, 400–599
		header := http.Header{"X-Ratelimit-Type": {string(body)}}
		e := c.apiError(opSend, &answer{status: status, header: header, body: body, trackingID: string(body)})
		text := e.Error()
		if len(text) > 4096 {
			t.Fatalf("the error sentence is %d bytes long", len(text))
		}
		if !utf8.ValidString(e.Message) && utf8.ValidString(string(body)) {
			t.Errorf("the message turned valid UTF-8 into invalid: %q", e.Message)
		}
		if strings.Contains(text, zoomtest.ClientSecret) {
			t.Errorf("the sentence holds the client secret: %q", text)
		}
	})
}
